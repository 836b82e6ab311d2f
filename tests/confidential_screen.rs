//! The live screen marks confidential agenda items and records (issue 9, item 6): the
//! agenda row, the main pane's title and a confidential decision's row say so, in the
//! classification's style.

mod common;

use common::*;
use rapporteur::model::Decision;
use rapporteur::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn draw(app: &rapporteur::tui::app::App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view::draw(app, f)).unwrap();
    t
}

fn row_text(t: &Terminal<TestBackend>, y: u16) -> String {
    let buf = t.backend().buffer();
    (0..buf.area.width)
        .map(|x| buf[(x, y)].symbol().to_string())
        .collect()
}

/// Where `needle` starts on row `y`, in cells.
fn find(t: &Terminal<TestBackend>, y: u16, needle: &str) -> Option<u16> {
    let row = row_text(t, y);
    row.find(needle)
        .map(|byte| row[..byte].chars().count() as u16)
}

#[test]
fn confidential_items_and_decisions_are_marked() {
    let mut app = sample();
    let seven = app
        .record
        .minutes
        .items
        .iter()
        .position(|i| i.id == "7")
        .unwrap();
    assert!(app.record.minutes.items[seven].confidential);
    // A confidential decision under an item that is not.
    let open_item = app
        .record
        .minutes
        .items
        .iter()
        .position(|i| i.id == "8")
        .unwrap();
    app.record.minutes.items[open_item]
        .decisions
        .push_back(Decision {
            id: "8-1".into(),
            text: "Brief the ministers on the informant".into(),
            confidential: true,
            without_quorum: true,
            ..Decision::default()
        });
    app.screen.item = seven;
    let t = draw(&app, 100, 30);
    let classification = app.theme.classification;
    let buf = t.backend().buffer();
    let y7 = (0..30)
        .find(|&y| row_text(&t, y).starts_with("│  7 Regional"))
        .unwrap_or_else(|| panic!("{}", t.backend()));
    let x = find(&t, y7, "conf").unwrap_or_else(|| panic!("agenda row marked: {}", t.backend()));
    assert_eq!(buf[(x, y7)].style().fg, classification.fg);
    let title_y = (0..30)
        .find(|&y| row_text(&t, y).contains(" confidential · 7 Regional"))
        .expect("main pane title says confidential");
    assert!(row_text(&t, title_y).contains("7 Regional security"));

    app.screen.item = open_item;
    let t = draw(&app, 100, 30);
    // Recorded without a quorum: the decision carries that mark after `conf`.
    let y = (0..30).find(|&y| row_text(&t, y).contains("8-1 ")).unwrap();
    assert!(
        row_text(&t, y).contains("8-1  conf ⚠ no quorum · Brief"),
        "decision row marked: {}",
        t.backend()
    );
    let y8 = (0..30)
        .find(|&y| row_text(&t, y).contains("8 Any other business"))
        .unwrap();
    assert!(
        !row_text(&t, y8).contains("conf"),
        "an item that is not confidential is not marked"
    );
}
