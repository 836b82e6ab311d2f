//! The one fuzzy matcher of the screen, built once per thread (it keeps scratch memory
//! between calls, so building it per item would waste most of a keystroke).

use fuzzy_matcher::skim::SkimMatcherV2;

thread_local! {
    /// Case-insensitive skim matcher.
    pub static MATCHER: SkimMatcherV2 = SkimMatcherV2::default().ignore_case();
    /// Case-sensitive matcher for text lowercased ahead of time (search keys): skips the
    /// per-character case folding on the hot path of every keystroke.
    pub static EXACT: SkimMatcherV2 = SkimMatcherV2::default().respect_case();
}
