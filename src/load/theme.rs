//! Theme files: reading `[theme]` and `[styles]`, and finding a theme by built-in name,
//! user theme name or path. A theme file names some styles; the rest come from the theme
//! it extends (by default `default`). Colours are ratatui colour names, 0-255 indexes or
//! `#rrggbb`. Under NO_COLOR the `monochrome` theme is used whatever was asked: emphasis
//! only, no colour.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};
use toml::de::{DeTable, DeValue};

use crate::load::diag::{Problem, hint};
use crate::load::reader::Fields;
use crate::theme::{STYLE_NAMES, Theme, no_color};

/// A theme file as read: its name, what it extends, and the styles it sets.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ThemeFile {
    /// Name from `[theme]`.
    pub name: String,
    /// The theme it builds on (`default` when absent).
    pub extends: Option<String>,
    /// The styles it sets.
    pub styles: Vec<(String, Style)>,
}

/// The built-in themes, embedded so an installed binary has them.
pub const BUILT_IN: &[(&str, &str)] = &[
    ("default", include_str!("../../themes/default.toml")),
    ("light", include_str!("../../themes/light.toml")),
    (
        "high-contrast",
        include_str!("../../themes/high-contrast.toml"),
    ),
    ("monochrome", include_str!("../../themes/monochrome.toml")),
];

const MODIFIERS: &[(&str, Modifier)] = &[
    ("bold", Modifier::BOLD),
    ("dim", Modifier::DIM),
    ("italic", Modifier::ITALIC),
    ("underlined", Modifier::UNDERLINED),
    ("reversed", Modifier::REVERSED),
    ("crossed_out", Modifier::CROSSED_OUT),
];

const COLOR_FORMS: &str = "a colour name (white, dark-gray, light-blue, ...), 0-255 or #rrggbb";

/// Reads a theme file's `[theme]` and `[styles]` tables.
pub fn parse_file(root: &DeTable<'_>, problems: &mut Vec<Problem>) -> ThemeFile {
    let mut f = Fields::new(root, 0..0, "the theme file", &["theme", "styles"], problems);
    let header = f.req_table("theme");
    let styles = f.table("styles");
    f.finish();
    let mut out = ThemeFile::default();
    if let Some((t, span)) = header {
        let mut h = Fields::new(
            t,
            span,
            "[theme]",
            &["name", "extends", "description"],
            problems,
        );
        out.name = h.req_str("name").value;
        out.extends = h.opt_str("extends").map(|l| l.value);
        let _ = h.opt_str("description");
        h.finish();
    }
    let Some((table, _)) = styles else {
        return out;
    };
    let mut entries: Vec<_> = table.iter().collect();
    entries.sort_by_key(|(k, _)| k.span().start);
    for (key, value) in entries {
        let name = key.get_ref().as_ref();
        if !STYLE_NAMES.contains(&name) {
            problems.push(Problem::error(
                key.span(),
                format!(
                    "unknown style {}{}",
                    crate::text::quoted(name),
                    hint(name, STYLE_NAMES.iter().copied())
                ),
            ));
            continue;
        }
        let DeValue::Table(st) = value.get_ref() else {
            problems.push(Problem::error(
                value.span(),
                format!("style '{name}' must be a table like {{ fg = \"white\", bg = \"blue\", modifiers = [\"bold\"] }}"),
            ));
            continue;
        };
        let label = format!("style '{name}'");
        let mut s = Fields::new(
            st,
            value.span(),
            label,
            &["fg", "bg", "modifiers"],
            problems,
        );
        let mut style = Style::new();
        for (key, is_fg) in [("fg", true), ("bg", false)] {
            if let Some(c) = s.opt_str(key) {
                match Color::from_str(&c.value) {
                    Ok(color) if is_fg => style = style.fg(color),
                    Ok(color) => style = style.bg(color),
                    Err(_) => s.problem(Problem::error(
                        c.span,
                        format!(
                            "unknown colour {}: use {COLOR_FORMS}",
                            crate::text::quoted(&c.value)
                        ),
                    )),
                }
            }
        }
        for m in s.strs("modifiers") {
            match MODIFIERS.iter().find(|(n, _)| *n == m.value) {
                Some((_, modifier)) => style = style.add_modifier(*modifier),
                None => s.problem(Problem::error(
                    m.span,
                    format!(
                        "unknown modifier {}{}",
                        crate::text::quoted(&m.value),
                        hint(&m.value, MODIFIERS.iter().map(|(n, _)| *n))
                    ),
                )),
            }
        }
        s.finish();
        out.styles.push((name.to_string(), style));
    }
    out
}

/// Why a theme could not be had.
#[derive(Debug, thiserror::Error)]
pub enum ThemeError {
    /// No built-in or user theme of that name, and no such file.
    #[error("unknown theme '{name}': use one of {known}, or a path to a .toml file")]
    Unknown {
        /// What was asked for.
        name: String,
        /// The names that exist.
        known: String,
    },
    /// The theme file is invalid or unreadable.
    #[error("{0}")]
    Invalid(String),
}

fn parse_text(text: &str, shown: &str) -> Result<ThemeFile, ThemeError> {
    let parsed = crate::load::parse_document(text, shown);
    let diags = crate::load::locate_all(Path::new(shown), text, parsed.problems);
    match parsed.document {
        Some(crate::load::Document::Theme(t)) if !crate::load::has_errors(&diags) => Ok(t),
        Some(crate::load::Document::Theme(_)) | None => Err(ThemeError::Invalid(
            diags.iter().map(|d| d.render(false)).collect::<String>(),
        )),
        Some(_) => Err(ThemeError::Invalid(format!(
            "{}: not a theme file (no [theme] table)",
            crate::text::inert_line(shown)
        ))),
    }
}

/// Folder of the user's own themes: `$XDG_CONFIG_HOME/rapporteur/themes`.
pub fn user_theme_dir() -> Option<PathBuf> {
    crate::paths::config_dir().map(|d| d.join("themes"))
}

/// Where a theme name would be found, for messages.
fn lookup(name: &str) -> Result<(ThemeFile, String), ThemeError> {
    let looks_like_path = name.ends_with(".toml") || name.contains('/');
    if looks_like_path {
        let text = crate::fsafe::read_to_string(std::path::Path::new(name)).map_err(|e| {
            ThemeError::Invalid(format!(
                "{}: cannot read: {e}",
                crate::text::inert_line(name)
            ))
        })?;
        return parse_text(&text, name).map(|t| (t, name.to_string()));
    }
    if let Some(dir) = user_theme_dir() {
        let path = dir.join(format!("{name}.toml"));
        if let Ok(text) = crate::fsafe::read_to_string(&path) {
            let shown = path.display().to_string();
            return parse_text(&text, &shown).map(|t| (t, shown));
        }
    }
    match BUILT_IN.iter().find(|(n, _)| *n == name) {
        Some((n, text)) => {
            parse_text(text, &format!("themes/{n}.toml")).map(|t| (t, format!("built-in '{n}'")))
        }
        None => Err(ThemeError::Unknown {
            name: name.to_string(),
            known: BUILT_IN
                .iter()
                .map(|(n, _)| format!("'{n}'"))
                .collect::<Vec<_>>()
                .join(", "),
        }),
    }
}

/// Loads a theme by built-in name, user theme name or path. Styles it does not set come
/// from the theme it `extends`, and in the end from the built-in `default`.
pub fn load(name: &str) -> Result<Theme, ThemeError> {
    let mut chain: Vec<ThemeFile> = Vec::new();
    let mut current = name.to_string();
    loop {
        let (file, _) = lookup(&current)?;
        let parent = file
            .extends
            .clone()
            .or_else(|| (current != "default").then(|| "default".to_string()));
        chain.push(file);
        match parent {
            None => break,
            Some(_) if chain.len() > 8 => {
                return Err(ThemeError::Invalid(format!(
                    "theme '{name}' extends too deeply (a loop?)"
                )));
            }
            Some(p) => current = p,
        }
    }
    let (_, default_text) = BUILT_IN[0];
    let base = parse_text(default_text, "themes/default.toml")?;
    let mut theme = Theme::blank(chain[0].name.clone());
    for file in std::iter::once(&base).chain(chain.iter().rev()) {
        for (style_name, style) in &file.styles {
            theme.set(style_name, *style);
        }
    }
    Ok(theme)
}

/// The theme to use: `monochrome` under NO_COLOR, else the one asked for.
pub fn resolve(name: &str) -> Result<Theme, ThemeError> {
    if no_color() {
        load("monochrome")
    } else {
        load(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_theme_loads_and_sets_every_style_through_default() {
        for (name, _) in BUILT_IN {
            let t = load(name).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(&t.name, name);
        }
        let d = load("default").unwrap();
        for (name, style) in d.all() {
            assert_ne!(style, Style::new(), "default sets '{name}'");
        }
    }

    #[test]
    fn monochrome_has_no_colour() {
        let t = load("monochrome").unwrap();
        for (name, s) in t.all() {
            assert!(s.fg.is_none() || s.fg == Some(Color::Reset), "{name} fg");
            assert!(s.bg.is_none() || s.bg == Some(Color::Reset), "{name} bg");
        }
        assert!(t.classification.add_modifier.contains(Modifier::REVERSED));
        assert!(t.selected.add_modifier.contains(Modifier::REVERSED));
    }

    /// WCAG relative luminance of an sRGB colour.
    fn luminance(c: Color) -> f64 {
        let Color::Rgb(r, g, b) = c else {
            panic!("high-contrast sets every colour as #rrggbb: {c:?}")
        };
        let lin = |v: u8| {
            let s = f64::from(v) / 255.0;
            if s <= 0.03928 {
                s / 12.92
            } else {
                ((s + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
    }

    #[test]
    fn high_contrast_pairs_reach_wcag_aa() {
        let t = load("high-contrast").unwrap();
        for (name, s) in t.all() {
            let (Some(fg), Some(bg)) = (s.fg, s.bg) else {
                panic!("'{name}' sets both fg and bg")
            };
            let (a, b) = (luminance(fg), luminance(bg));
            let ratio = (a.max(b) + 0.05) / (a.min(b) + 0.05);
            assert!(ratio >= 4.5, "'{name}': contrast {ratio:.2} below 4.5:1");
        }
    }

    #[test]
    fn a_user_theme_may_set_some_styles_and_inherit_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mine.toml");
        std::fs::write(
            &path,
            "[theme]\nname = \"mine\"\n\n[styles]\nheader = { fg = \"#ff0000\" }\n",
        )
        .unwrap();
        let t = load(path.to_str().unwrap()).unwrap();
        assert_eq!(t.header.fg, Some(Color::Rgb(255, 0, 0)));
        assert_eq!(t.selected, load("default").unwrap().selected);
    }

    #[test]
    fn unknown_theme_names_the_built_ins() {
        let e = load("nope").unwrap_err().to_string();
        assert!(e.contains("'high-contrast'"), "{e}");
    }
}
