//! Colour themes: styles named by meaning. A leaf: reading theme files and finding a theme
//! by name are in `load::theme`, so that `config`, `load` and `theme` import each other in
//! no circle.

use ratatui::style::{Color, Modifier, Style};

macro_rules! styles {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {
        /// Every style a screen uses, by meaning.
        #[derive(Debug, Clone, PartialEq)]
        pub struct Theme {
            /// The theme's name.
            pub name: String,
            $($(#[$doc])* pub $name: Style,)*
        }

        /// The style names a theme file may set.
        pub const STYLE_NAMES: &[&str] = &[$(stringify!($name)),*];

        impl Theme {
            /// Sets a style by name; false for a name no screen uses.
            pub fn set(&mut self, name: &str, style: Style) -> bool {
                match name {
                    $(stringify!($name) => self.$name = style,)*
                    _ => return false,
                }
                true
            }

            /// A theme that sets no style.
            pub fn blank(name: String) -> Theme {
                Theme { name, $($name: Style::new(),)* }
            }

            /// Every (name, style) pair, for tests and `config`.
            pub fn all(&self) -> Vec<(&'static str, Style)> {
                vec![$((stringify!($name), self.$name)),*]
            }
        }
    };
}

styles! {
    /// Ordinary text.
    text,
    /// Less important text: hints, empty states, plan values beside changes.
    muted,
    /// The header bar.
    header,
    /// The classification marking (RESTRICTED): must stand out.
    classification,
    /// Pane and popup titles.
    title,
    /// Borders of panes without focus.
    border,
    /// The border of the focused pane.
    border_focused,
    /// The selected row.
    selected,
    /// Characters matched by a fuzzy search.
    matched,
    /// Outstanding and past its due date.
    overdue,
    /// Status blocked.
    blocked,
    /// Status done.
    done,
    /// Status in progress.
    in_progress,
    /// Status open.
    open,
    /// Status dropped.
    dropped,
    /// A change made in this meeting, beside the plan's value.
    changed,
    /// Warnings: clock over its timebox, no quorum.
    warning,
    /// Errors: a failed write, a refused date.
    error,
    /// Keys in the footer and the help.
    key,
    /// An owner that is not a roster id.
    free_text,
}

impl Theme {
    /// The style of a status word.
    pub fn status(&self, status: crate::model::Status) -> Style {
        use crate::model::Status::*;
        match status {
            Open => self.open,
            InProgress => self.in_progress,
            Blocked => self.blocked,
            Done => self.done,
            Dropped => self.dropped,
        }
    }
}

/// `text` wrapped in the SGR codes of `style`, for what commands print on a terminal.
pub fn ansi(style: Style, text: &str) -> String {
    fn colour(c: Color, base: u8) -> Option<String> {
        let named = |n: u8| Some(format!("{}", base + n));
        match c {
            Color::Reset => None,
            Color::Black => named(0),
            Color::Red => named(1),
            Color::Green => named(2),
            Color::Yellow => named(3),
            Color::Blue => named(4),
            Color::Magenta => named(5),
            Color::Cyan => named(6),
            Color::Gray => named(7),
            Color::DarkGray => Some(format!("{}", base + 60)),
            Color::LightRed => Some(format!("{}", base + 61)),
            Color::LightGreen => Some(format!("{}", base + 62)),
            Color::LightYellow => Some(format!("{}", base + 63)),
            Color::LightBlue => Some(format!("{}", base + 64)),
            Color::LightMagenta => Some(format!("{}", base + 65)),
            Color::LightCyan => Some(format!("{}", base + 66)),
            Color::White => Some(format!("{}", base + 67)),
            Color::Rgb(r, g, b) => Some(format!("{};2;{r};{g};{b}", base + 8)),
            Color::Indexed(i) => Some(format!("{};5;{i}", base + 8)),
        }
    }
    let mut codes: Vec<String> = Vec::new();
    for (m, code) in [
        (Modifier::BOLD, "1"),
        (Modifier::DIM, "2"),
        (Modifier::ITALIC, "3"),
        (Modifier::UNDERLINED, "4"),
        (Modifier::REVERSED, "7"),
        (Modifier::CROSSED_OUT, "9"),
    ] {
        if style.add_modifier.contains(m) {
            codes.push(code.to_string());
        }
    }
    codes.extend(style.fg.and_then(|c| colour(c, 30)));
    codes.extend(style.bg.and_then(|c| colour(c, 40)));
    if codes.is_empty() {
        return text.to_string();
    }
    format!("\u{1b}[{}m{text}\u{1b}[0m", codes.join(";"))
}

/// True when the NO_COLOR convention asks for no colour.
pub fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ansi_codes_follow_the_style() {
        let s = Style::new().fg(Color::Red).add_modifier(Modifier::BOLD);
        assert_eq!(ansi(s, "x"), "\u{1b}[1;31mx\u{1b}[0m");
        assert_eq!(ansi(Style::new(), "x"), "x");
    }
}
