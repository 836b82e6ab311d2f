//! The chair's view: what is outstanding across meetings, the history of an action, and
//! the next meeting's agenda. Everything here calls the rules in `model::ledger`.

pub mod digest;
pub mod discover;
pub mod history;
pub mod ics;
pub mod next;
pub mod outstanding;
