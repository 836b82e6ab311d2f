//! A test that needs an external tool (tmux, git, perl) or a tmpfs never passes without running (issue 9, item 12): it
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

#[test]
fn tests_that_mount_a_tmpfs_are_ignored_with_a_reason_where_they_cannot_and_never_return_early() {
    let source = std::fs::read_to_string("tests/e2e_hostile.rs").unwrap();
    let mut checked = 0;
    for (name, attrs) in tests_with_attributes(&source) {
        if !body_of(&source, &name).contains("need_tmpfs!(") {
            continue;
        }
        checked += 1;
        assert!(
            attrs.contains("not(run_tmpfs_tests)") && attrs.contains("ignore = \"needs permission"),
            "{name} mounts a tmpfs but is not marked #[cfg_attr(not(run_tmpfs_tests), ignore = ...)]"
        );
    }
    assert!(checked >= 2, "the tmpfs tests were found ({checked})");
    // The macro fails when the mount fails: under CI, or where build.rs saw the permission.
    let start = source.find("macro_rules! need_tmpfs").unwrap();
    let end = start + source[start..].find("\n}\n").unwrap();
    let body = &source[start..end];
    assert!(
        !body.contains("return"),
        "need_tmpfs! returns early:\n{body}"
    );
    assert!(body.contains("panic!"), "need_tmpfs! must fail:\n{body}");
    let build = std::fs::read_to_string("build.rs").unwrap();
    assert!(
        build.contains("if ci || (can_mount()"),
        "CI=true always runs them"
    );
}
