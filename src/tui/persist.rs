//! What the loop writes after a change: the minutes as TOML and as Markdown, rendered from
//! the record and the caches (no I/O here, so benchmarks and tests reach it).

use super::app::App;

/// The two files of the minutes, ready to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// The record (`.minutes.toml`).
    pub toml: String,
    /// The minutes people read (`.minutes.md`).
    pub markdown: String,
}

/// Renders the record for writing; the reason when it cannot be rendered.
pub fn render(app: &App) -> Result<Rendered, String> {
    let ctx = crate::minutes::markdown::Context {
        plan: Some(&app.plan),
        others: &app.others,
        dates: app.screen.dates,
    };
    let toml = crate::minutes::toml_out::to_toml(&app.record.minutes)
        .map_err(|e| format!("cannot render the minutes: {e}"))?;
    let markdown = crate::minutes::markdown::render_after(
        &app.record.minutes,
        &ctx,
        crate::minutes::Audience::All,
        Some(&app.cache.baseline),
    );
    Ok(Rendered { toml, markdown })
}
