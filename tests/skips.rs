//! A test that needs an external tool (tmux, git, perl) never passes without running (issue 9, item 12): it
//! is compiled as ignored with its reason when the tool is missing (build.rs), and under
//! `CI=true` it runs and fails. This reads the test sources to keep it that way.

use std::path::Path;

/// Every `#[test]` function in `source`, with the attributes written above it.
fn tests_with_attributes(source: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut attrs = String::new();
    let mut in_test = false;
    for line in source.lines() {
        let l = line.trim_start();
        if l.starts_with("#[test]") {
            in_test = true;
            attrs.clear();
        }
        if in_test {
            attrs.push_str(l);
            attrs.push('\n');
            if let Some(rest) = l.strip_prefix("fn ") {
                let name = rest.split('(').next().unwrap_or_default().to_string();
                out.push((name, std::mem::take(&mut attrs)));
                in_test = false;
            }
        }
    }
    out
}

fn body_of<'a>(source: &'a str, name: &str) -> &'a str {
    let start = source.find(&format!("fn {name}(")).unwrap();
    let rest = &source[start..];
    // A test function ends at its closing brace in the first column.
    let end = rest.find("\n}\n").map_or(rest.len(), |e| e + 2);
    &rest[..end]
}

#[test]
fn tests_that_need_tmux_or_git_are_ignored_with_a_reason_or_required() {
    let mut checked = 0;
    for file in std::fs::read_dir("tests").unwrap() {
        let path = file.unwrap().path();
        if path.extension().is_none_or(|e| e != "rs") || path == Path::new("tests/skips.rs") {
            continue;
        }
        let source = std::fs::read_to_string(&path).unwrap();
        for (name, attrs) in tests_with_attributes(&source) {
            let body = body_of(&source, &name);
            for (tool, cfg) in [
                ("tmux", "run_tmux_tests"),
                ("git", "run_git_tests"),
                ("perl", "run_perl_tests"),
                ("pandoc", "run_pandoc_tests"),
            ] {
                let uses = body.contains(&format!("Command::new(\"{tool}\")"))
                    || (tool == "tmux" && body.contains("Tmux::new("))
                    || (tool == "git"
                        && ["git(repo", "git(&", "git_ok(", "repo_with_base("]
                            .iter()
                            .any(|call| body.contains(call)))
                    || body.contains(&format!("tools::require(\"{tool}\")"))
                    || (tool == "perl" && body.contains("exec perl "));
                if !uses {
                    continue;
                }
                checked += 1;
                assert!(
                    attrs.contains(cfg) && attrs.contains("ignore = \"needs"),
                    "{}: {name} needs {tool} but is not marked #[cfg_attr(not({cfg}), ignore = ...)]",
                    path.display()
                );
                assert!(
                    body.contains(&format!("tools::require(\"{tool}\")")),
                    "{}: {name} needs {tool} but does not call tools::require",
                    path.display()
                );
                assert!(
                    !body.contains("need_tmux!") && !body.contains(".is_err() {\n        return"),
                    "{}: {name} must not return early when {tool} is missing",
                    path.display()
                );
            }
        }
    }
    assert!(
        checked >= 12,
        "the tmux and git tests were found ({checked})"
    );
}
