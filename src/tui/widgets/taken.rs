//! How a decision was taken (`v`): a choice of consensus, vote or ad referendum, and the
//! vote sheet. The sheet lists the delegations entitled to vote (present, of a kind the
//! meeting's rule counts, never observers); typing filters every delegation of the
//! attendance and the roster by the owner rules, and a delegation the attendance does not
//! allow to vote is refused by the rule `check` applies ([`vote_problems`]), with its
//! message. The tally and the result are derived as the sheet changes.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::model::attendance::entitled;
use crate::model::roster::Roster;
use crate::model::voting::vote_problems;
use crate::model::{Minutes, Plan, Side, Taken, Vote};
use crate::text::inert_line;
use crate::theme::Theme;
use crate::tui::target::Target;

use super::attendance::{rank_delegations, who};

/// The forms a decision can be taken in, in the order offered (digits 1..3).
pub const FORMS: [&str; 3] = ["consensus", "vote", "ad referendum"];

/// The first step of `v`: which form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TakenChoice {
    /// The decision.
    pub target: Target,
    /// Highlighted form (index in [`FORMS`]).
    pub cursor: usize,
    /// The form recorded now.
    pub current: usize,
}

/// The index in [`FORMS`] of a way of taking a decision.
pub fn form_of(t: &Taken) -> usize {
    match t {
        Taken::Consensus => 0,
        Taken::Vote(_) => 1,
        Taken::AdReferendum { .. } => 2,
    }
}

impl TakenChoice {
    /// The choice for a decision, the form in effect highlighted.
    pub fn new(target: Target, taken: &Taken) -> TakenChoice {
        let current = form_of(taken);
        TakenChoice {
            target,
            cursor: current,
            current,
        }
    }

    /// Moves the highlight.
    pub fn step(&mut self, down: bool) {
        let n = FORMS.len();
        self.cursor = if down {
            (self.cursor + 1) % n
        } else {
            (self.cursor + n - 1) % n
        };
    }

    /// Draws the choice; `about` names the decision.
    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme, about: &str) {
        let title = format!("How was it taken? · {about}");
        let width = (title.chars().count() as u16 + 4).clamp(40, area.width.saturating_sub(4));
        let r = super::centered(area, width, FORMS.len() as u16 + 3);
        let inner = super::frame(r, buf, &title, theme);
        let hints = [
            "without objection",
            "for / against / abstain, by delegation",
            "stands unless the silence is broken",
        ];
        let mut lines: Vec<Line> = FORMS
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let mark = if i == self.current { "• " } else { "  " };
                let style = if i == self.cursor {
                    theme.selected
                } else {
                    theme.text
                };
                Line::from(vec![
                    Span::styled(format!("{} {mark}", i + 1), theme.muted),
                    Span::styled(*f, style),
                    Span::styled(format!("  {}", hints[i]), theme.muted),
                ])
            })
            .collect();
        lines.push(Line::from(Span::styled(
            "1-3 or Enter chooses · Esc cancels",
            theme.muted,
        )));
        Paragraph::new(lines).render(inner, buf);
    }
}

/// The vote being entered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoteSheet {
    /// The decision.
    pub target: Target,
    /// Every delegation the filter can name: the attendance's, then the roster's without
    /// an entry (roster ids or free text).
    pub all: Vec<String>,
    /// The delegations entitled to vote now: the rows when nothing is typed.
    pub voters: Vec<String>,
    /// The rows shown.
    pub rows: Vec<String>,
    /// Highlighted row.
    pub cursor: usize,
    /// The filter typed.
    pub query: String,
    /// The vote so far.
    pub vote: Vote,
    /// Why the last key was refused.
    pub error: Option<String>,
}

/// A side after another in the Space cycle: for, against, abstain, not voting.
pub fn next_side(side: Option<Side>) -> Option<Side> {
    match side {
        None => Some(Side::For),
        Some(Side::For) => Some(Side::Against),
        Some(Side::Against) => Some(Side::Abstain),
        Some(Side::Abstain) => None,
    }
}

/// The side digits 1..4 set: for, against, abstain, not voting.
pub fn side_of_digit(n: usize) -> Option<Option<Side>> {
    match n {
        1 => Some(Some(Side::For)),
        2 => Some(Some(Side::Against)),
        3 => Some(Some(Side::Abstain)),
        4 => Some(None),
        _ => None,
    }
}

impl VoteSheet {
    /// A sheet for a decision, starting from the vote it carries (if any).
    pub fn new(target: Target, start: Option<&Vote>, minutes: &Minutes, plan: &Plan) -> Self {
        let mut all: Vec<String> = minutes
            .attendance
            .iter()
            .map(|a| a.represents.clone())
            .collect();
        for p in &plan.partners {
            if !all.contains(&p.id) {
                all.push(p.id.clone());
            }
        }
        let voters: Vec<String> = minutes
            .attendance
            .iter()
            .filter(|a| a.present() && entitled(&minutes.meeting, plan, a))
            .map(|a| a.represents.clone())
            .collect();
        VoteSheet {
            target,
            all,
            rows: voters.clone(),
            voters,
            cursor: 0,
            query: String::new(),
            vote: start.cloned().unwrap_or_default(),
            error: None,
        }
    }

    /// The highlighted delegation.
    pub fn highlighted(&self) -> Option<&str> {
        self.rows.get(self.cursor).map(String::as_str)
    }

    /// Moves the highlight.
    pub fn step(&mut self, delta: isize) {
        if self.rows.is_empty() {
            return;
        }
        self.cursor =
            (self.cursor as isize + delta).clamp(0, self.rows.len() as isize - 1) as usize;
    }

    /// Why a delegation may not vote, by the rule `check` applies; `None` when it may.
    pub fn refusal(&self, id: &str, minutes: &Minutes, plan: &Plan) -> Option<String> {
        let alone = Vote {
            yes: vec![id.to_string()],
            ..Vote::default()
        };
        vote_problems(&alone, &minutes.meeting, Some(plan), &minutes.attendance)
            .first()
            .map(|(_, _, e)| e.message(who(plan, id)))
    }

    /// Puts a delegation on a side (`None`: not voting). Refused, with the rule's message,
    /// for a delegation the attendance does not allow to vote.
    pub fn set(
        &mut self,
        id: &str,
        side: Option<Side>,
        minutes: &Minutes,
        plan: &Plan,
    ) -> Result<(), String> {
        if side.is_some()
            && let Some(why) = self.refusal(id, minutes, plan)
        {
            return Err(why);
        }
        for s in Side::ALL {
            self.vote.side_mut(s).retain(|x| x != id);
        }
        if let Some(s) = side {
            self.vote.side_mut(s).push(id.to_string());
        }
        Ok(())
    }

    /// Every problem the whole vote has, by the rule `check` applies (the attendance may
    /// have changed since the vote was first recorded).
    pub fn problems(&self, minutes: &Minutes, plan: &Plan) -> Vec<String> {
        vote_problems(
            &self.vote,
            &minutes.meeting,
            Some(plan),
            &minutes.attendance,
        )
        .into_iter()
        .map(|(side, i, e)| e.message(who(plan, &self.vote.side(side)[i])))
        .collect()
    }

    /// Types into the filter.
    pub fn type_char(&mut self, c: char, minutes: &Minutes, plan: &Plan, roster: &Roster) {
        self.query.push(c);
        self.refilter(minutes, plan, roster);
    }

    /// Deletes the last character of the filter.
    pub fn backspace(&mut self, minutes: &Minutes, plan: &Plan, roster: &Roster) {
        self.query.pop();
        self.refilter(minutes, plan, roster);
    }

    /// Clears the filter; true when there was one.
    pub fn clear_query(&mut self, minutes: &Minutes, plan: &Plan, roster: &Roster) -> bool {
        if self.query.is_empty() {
            return false;
        }
        self.query.clear();
        self.refilter(minutes, plan, roster);
        true
    }

    /// The rows for the filter: with nothing typed, the delegations entitled to vote; else
    /// every delegation the owner-matching rule names strongly (best first), then fuzzy
    /// matches on name, id and delegates' names, as the attendance window filters.
    pub fn refilter(&mut self, minutes: &Minutes, plan: &Plan, roster: &Roster) {
        self.error = None;
        let q = self.query.trim();
        if q.is_empty() {
            self.rows = self.voters.clone();
            self.cursor = 0;
            return;
        }
        let candidates: Vec<(&str, String)> = self
            .all
            .iter()
            .map(|id| {
                let delegates = minutes
                    .delegation(id)
                    .map(|a| {
                        a.delegates
                            .iter()
                            .map(|d| d.name.as_str())
                            .collect::<Vec<_>>()
                            .join(" ")
                    })
                    .unwrap_or_default();
                (id.as_str(), delegates)
            })
            .collect();
        self.rows = rank_delegations(q, &candidates, plan, roster)
            .into_iter()
            .map(|n| self.all[n].clone())
            .collect();
        self.cursor = 0;
    }

    /// `For 3 · Against 1 · Abstain 0 · adopted`.
    pub fn tally_line(&self) -> String {
        let (y, n, a) = self.vote.tally();
        let result = if y + n == 0 {
            "no votes cast yet"
        } else if self.vote.adopted() {
            "adopted"
        } else {
            "not adopted"
        };
        format!("For {y} · Against {n} · Abstain {a} · {result}")
    }

    /// Draws the sheet; `about` names the decision.
    pub fn render(
        &self,
        area: Rect,
        buf: &mut Buffer,
        theme: &Theme,
        minutes: &Minutes,
        plan: &Plan,
        about: &str,
    ) {
        // As tall as the rows need (at least a few), never more than the screen leaves.
        let wanted = self.rows.len().max(4) as u16 + 5;
        let r = super::centered(
            area,
            area.width.saturating_sub(6).min(100),
            wanted.min(area.height.saturating_sub(4)),
        );
        let title = format!("Vote on {about}");
        let inner = super::frame(r, buf, &title, theme);
        if inner.height < 4 {
            return;
        }
        let top = if self.query.is_empty() {
            Line::from(Span::styled(
                format!(
                    "{} entitled to vote · type to find a delegation",
                    self.voters.len()
                ),
                theme.muted,
            ))
        } else {
            Line::from(vec![
                Span::styled("Filter: ", theme.key),
                Span::styled(format!("{}▏", inert_line(&self.query)), theme.text),
                Span::styled(format!("  {} shown", self.rows.len()), theme.muted),
            ])
        };
        buf.set_line(inner.x, inner.y, &top, inner.width);
        let tally = Line::from(Span::styled(self.tally_line(), theme.title));
        buf.set_line(inner.x, inner.y + 1, &tally, inner.width);
        let bottom = match &self.error {
            Some(e) => Line::from(Span::styled(inert_line(e).into_owned(), theme.error)),
            None => Line::from(Span::styled(
                "1 for 2 against 3 abstain 4 none · Space cycles · Enter records · Esc",
                theme.muted,
            )),
        };
        buf.set_line(inner.x, inner.y + inner.height - 1, &bottom, inner.width);
        let list = Rect {
            y: inner.y + 2,
            height: inner.height - 3,
            ..inner
        };
        let height = list.height as usize;
        let offset = super::window(self.cursor, self.rows.len(), height);
        let lines: Vec<Line> = self.rows[offset..(offset + height).min(self.rows.len())]
            .iter()
            .enumerate()
            .map(|(n, id)| {
                let base = if offset + n == self.cursor {
                    theme.selected
                } else {
                    theme.text
                };
                let (mark, style) = match self.vote.side_of(id) {
                    Some(Side::For) => ("[for]     ", base.patch(theme.done)),
                    Some(Side::Against) => ("[against] ", base.patch(theme.blocked)),
                    Some(Side::Abstain) => ("[abstain] ", base.patch(theme.in_progress)),
                    None => ("[ ]       ", base.patch(theme.muted)),
                };
                let mut spans = vec![
                    Span::styled(mark, style),
                    Span::styled(inert_line(who(plan, id)).into_owned(), base),
                ];
                if !self.voters.iter().any(|v| v == id) {
                    let why = match minutes.delegation(id) {
                        Some(a) if !a.present() => format!("  {}: does not vote", a.status),
                        None => "  not in the attendance: does not vote".to_string(),
                        Some(a) if a.is_observer(Some(plan)) => {
                            "  observer: does not vote".to_string()
                        }
                        Some(_) => "  not entitled to vote".to_string(),
                    };
                    spans.push(Span::styled(why, base.patch(theme.muted)));
                }
                Line::from(spans)
            })
            .collect();
        if lines.is_empty() {
            let none = if self.query.is_empty() {
                "no delegation entitled to vote is present: a to take attendance"
            } else {
                "no delegation matches"
            };
            Paragraph::new(Span::styled(none, theme.muted)).render(list, buf);
        } else {
            Paragraph::new(lines).render(list, buf);
        }
    }
}
