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
    Ok(Rendered {
        toml: render_toml(app)?,
        markdown: render_markdown(app),
    })
}

/// The record (`.minutes.toml`): what must be on disk before the frame that shows a change.
pub fn render_toml(app: &App) -> Result<String, String> {
    crate::minutes::toml_out::to_toml(&app.record.minutes)
        .map_err(|e| format!("cannot render the minutes: {e}"))
}

/// The minutes people read (`.minutes.md`), drawn from the record and the ledger kept at
/// load (only this meeting is applied to it).
pub fn render_markdown(app: &App) -> String {
    let ctx = crate::minutes::markdown::Context {
        plan: Some(&app.plan),
        others: &app.others,
        dates: app.screen.dates,
    };
    crate::minutes::markdown::render_after(
        &app.record.minutes,
        &ctx,
        crate::minutes::Audience::All,
        Some(&app.cache.baseline),
    )
}
