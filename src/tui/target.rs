//! What a record-editing popup acts on: a leaf, so the widgets name it without `App`.

/// What a record-editing field acts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A decision of this meeting, by item index and decision id.
    Decision {
        /// Index in `minutes.items`.
        item: usize,
        /// Decision id.
        id: String,
    },
    /// An action of the plan or of an earlier meeting, by name: changes become updates
    /// under the current item.
    Action(String),
}
