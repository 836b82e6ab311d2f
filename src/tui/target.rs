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

/// Where a statement for the record goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatementOn {
    /// About a decision, by item index and decision id.
    Decision {
        /// Index in `minutes.items`.
        item: usize,
        /// Decision id.
        id: String,
    },
    /// Under an item as a whole, by index in `minutes.items`.
    Item(usize),
}

impl StatementOn {
    /// The decision as a record target, when the statement is about one.
    pub fn decision(&self) -> Option<Target> {
        match self {
            StatementOn::Decision { item, id } => Some(Target::Decision {
                item: *item,
                id: id.clone(),
            }),
            StatementOn::Item(_) => None,
        }
    }

    /// The item index.
    pub fn item(&self) -> usize {
        match self {
            StatementOn::Decision { item, .. } | StatementOn::Item(item) => *item,
        }
    }
}
