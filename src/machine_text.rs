//! Machine outputs (JSON, TOML) that a `cat` cannot turn into terminal commands.
//!
//! serde_json and the toml writer escape C0 controls but write C1 controls
//! (U+0080–U+009F, where U+009B is a one-byte CSI) and bidi overrides raw. These passes
//! rewrite them as `\uXXXX` escapes, which both formats read back as the same value.

use std::fmt::Write;

/// True for characters that JSON and TOML writers leave raw but a terminal obeys or a
/// reader is misled by: DEL, C1 controls, bidi marks and overrides.
fn needs_escape(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\t' | '\r') && (c as u32) >= 0x7f)
        || (crate::text::is_dangerous(c) && !c.is_control())
}

fn push_escape(out: &mut String, c: char) {
    let _ = write!(out, "\\u{:04X}", c as u32);
}

/// JSON text with every C1 control, DEL and bidi character inside strings escaped.
/// (Outside strings JSON has no room for them, so the whole text can be rewritten.)
pub fn json(text: String) -> String {
    if !text.chars().any(needs_escape) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if needs_escape(c) {
            push_escape(&mut out, c);
        } else {
            out.push(c);
        }
    }
    out
}

#[derive(Clone, Copy, PartialEq)]
enum State {
    Normal,
    Comment,
    Basic,
    MlBasic,
}

/// TOML text with every C1 control, DEL and bidi character in strings written as a
/// `\uXXXX` escape. Literal strings (`'...'`, `'''...'''`), which cannot hold escapes,
/// holding such a character are rewritten as basic strings of the same value.
pub fn toml(text: String) -> String {
    if !text.chars().any(needs_escape) {
        return text;
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 16);
    let mut state = State::Normal;
    let mut i = 0;
    let run = |i: usize, q: char| chars[i..].iter().take_while(|&&c| c == q).count();
    while i < chars.len() {
        let c = chars[i];
        match state {
            State::Normal => match c {
                '#' => {
                    state = State::Comment;
                    out.push(c);
                }
                '"' if run(i, '"') >= 3 => {
                    out.push_str("\"\"\"");
                    i += 3;
                    state = State::MlBasic;
                    continue;
                }
                '"' => {
                    out.push(c);
                    state = State::Basic;
                }
                '\'' => {
                    let ml = run(i, '\'') >= 3;
                    let open = if ml { 3 } else { 1 };
                    // Find the end of the literal and its content, then decide its form.
                    let mut j = i + open;
                    let end;
                    loop {
                        if j >= chars.len() {
                            end = (chars.len(), chars.len());
                            break;
                        }
                        if ml && chars[j] == '\'' {
                            let n = run(j, '\'');
                            if n >= 3 {
                                // The last three close; up to two before them are content.
                                end = (j + n - 3, j + n);
                                break;
                            }
                            j += n;
                            continue;
                        }
                        if !ml && (chars[j] == '\'' || chars[j] == '\n') {
                            end = (j, j + usize::from(chars[j] == '\''));
                            break;
                        }
                        j += 1;
                    }
                    let content = &chars[i + open..end.0];
                    if content.iter().any(|&c| needs_escape(c)) {
                        let q = if ml { "\"\"\"" } else { "\"" };
                        out.push_str(q);
                        for &c in content {
                            match c {
                                '\\' => out.push_str("\\\\"),
                                '"' => out.push_str("\\\""),
                                c if needs_escape(c) => push_escape(&mut out, c),
                                c => out.push(c),
                            }
                        }
                        out.push_str(q);
                    } else {
                        out.extend(&chars[i..end.1]);
                    }
                    i = end.1;
                    continue;
                }
                c => out.push(c),
            },
            State::Comment => {
                if c == '\n' {
                    state = State::Normal;
                }
                if needs_escape(c) {
                    out.push(' ');
                } else {
                    out.push(c);
                }
            }
            State::Basic | State::MlBasic => {
                if c == '\\' && i + 1 < chars.len() {
                    out.push(c);
                    out.push(chars[i + 1]);
                    i += 2;
                    continue;
                }
                if state == State::Basic && c == '"' {
                    out.push(c);
                    state = State::Normal;
                } else if state == State::MlBasic && c == '"' && run(i, '"') >= 3 {
                    let n = run(i, '"');
                    out.extend(std::iter::repeat_n('"', n));
                    i += n;
                    state = State::Normal;
                    continue;
                } else if needs_escape(c) {
                    push_escape(&mut out, c);
                } else {
                    out.push(c);
                }
            }
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
    struct Sample {
        a: String,
        b: String,
        c: String,
        d: String,
        e: String,
        f: Vec<String>,
    }

    fn hostile() -> Sample {
        Sample {
            a: "x\u{9b}31m y".into(),
            b: "has \"quote\" \u{202e}rev".into(),
            c: "back\\slash \u{85} it's".into(),
            d: "multi\nline \u{9b} \"q\"".into(),
            e: "del\u{7f} and \u{2066}isolate".into(),
            f: vec!["'single'\u{9b}".into(), "multi\n'''\u{9d}\\".into()],
        }
    }

    #[test]
    fn toml_keeps_values_and_holds_no_raw_c1_or_bidi() {
        let raw = toml::to_string(&hostile()).unwrap();
        let clean = toml(raw);
        assert!(!clean.chars().any(needs_escape), "{clean}");
        let back: Sample = toml::from_str(&clean).unwrap();
        assert_eq!(back, hostile());
        assert!(clean.contains("\\u009B"), "{clean}");
    }

    #[test]
    fn json_keeps_values_and_holds_no_raw_c1_or_bidi() {
        let raw = serde_json::to_string_pretty(&hostile()).unwrap();
        let clean = json(raw);
        assert!(!clean.chars().any(needs_escape), "{clean}");
        let back: Sample = serde_json::from_str(&clean).unwrap();
        assert_eq!(back, hostile());
        assert!(clean.contains("\\u009B"), "{clean}");
    }

    #[test]
    fn clean_text_is_unchanged() {
        let raw = toml::to_string(&Sample {
            a: "plain".into(),
            b: "é \"q\"".into(),
            c: "\\".into(),
            d: "a\nb".into(),
            e: String::new(),
            f: vec![],
        })
        .unwrap();
        assert_eq!(toml(raw.clone()), raw);
    }
}
