//! A value shared between the versions of the minutes that undo keeps: cloning it copies a
//! pointer, and the first change made through it copies the value (copy on write). Reads and
//! writes look like the value's own (`Deref`, `DerefMut`); equality and `Debug` are the
//! value's.

use std::fmt;
use std::ops::{Deref, DerefMut};
use std::sync::Arc;

/// A value that the undo history's versions share until one of them changes it.
#[derive(Clone, Default)]
pub struct Shared<T>(Arc<T>);

impl<T> Shared<T> {
    /// Wraps a value.
    pub fn new(value: T) -> Self {
        Shared(Arc::new(value))
    }
}

impl<T> From<T> for Shared<T> {
    fn from(value: T) -> Self {
        Shared::new(value)
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: Clone> DerefMut for Shared<T> {
    /// Copies the value first when another version still holds it.
    fn deref_mut(&mut self) -> &mut T {
        Arc::make_mut(&mut self.0)
    }
}

impl<T: PartialEq> PartialEq for Shared<T> {
    /// The same value when shared, else compared as values.
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0) || *self.0 == *other.0
    }
}

impl<T: fmt::Debug> fmt::Debug for Shared<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl<'a, U> IntoIterator for &'a Shared<Vec<U>> {
    type Item = &'a U;
    type IntoIter = std::slice::Iter<'a, U>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<'a, U: Clone> IntoIterator for &'a mut Shared<Vec<U>> {
    type Item = &'a mut U;
    type IntoIter = std::slice::IterMut<'a, U>;

    fn into_iter(self) -> Self::IntoIter {
        Arc::make_mut(&mut self.0).iter_mut()
    }
}

impl<U> FromIterator<U> for Shared<Vec<U>> {
    fn from_iter<I: IntoIterator<Item = U>>(iter: I) -> Self {
        Shared::new(iter.into_iter().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_copies_only_the_version_changed() {
        let mut a = Shared::new(vec![String::from("x")]);
        let b = a.clone();
        assert!(Arc::ptr_eq(&a.0, &b.0));
        a.push("y".into());
        assert_eq!(*b, vec![String::from("x")]);
        assert_eq!(*a, vec![String::from("x"), String::from("y")]);
        assert_ne!(a, b);
        assert_eq!(b, Shared::new(vec![String::from("x")]));
        assert_eq!(format!("{b:?}"), r#"["x"]"#);
    }
}
