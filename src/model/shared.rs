//! A list shared between the versions of the minutes that undo keeps: a persistent vector
//! (`imbl`), so cloning it copies a pointer, and a change made to one version copies only the
//! chunk it touches (at most 64 entries and the path to them), never the whole list. Then a
//! decision or a statement recorded on a meeting that has thousands costs what it costs on an
//! empty one. Reads and writes are the vector's own (`Deref`, `DerefMut`); equality and
//! `Debug` are the entries'.

use std::fmt;
use std::ops::{Deref, DerefMut};

/// A list that the undo history's versions share, but for the chunks one of them changed.
#[derive(Clone)]
pub struct Shared<T: Clone>(imbl::Vector<T>);

impl<T: Clone> Default for Shared<T> {
    fn default() -> Self {
        Shared(imbl::Vector::new())
    }
}

impl<T: Clone> Shared<T> {
    /// An empty list.
    pub fn new() -> Self {
        Self::default()
    }
}

impl<T: Clone> From<Vec<T>> for Shared<T> {
    fn from(list: Vec<T>) -> Self {
        Shared(list.into())
    }
}

impl<T: Clone, const N: usize> From<[T; N]> for Shared<T> {
    fn from(list: [T; N]) -> Self {
        Shared(list.into_iter().collect())
    }
}

impl<T: Clone> Deref for Shared<T> {
    type Target = imbl::Vector<T>;

    fn deref(&self) -> &imbl::Vector<T> {
        &self.0
    }
}

impl<T: Clone> DerefMut for Shared<T> {
    fn deref_mut(&mut self) -> &mut imbl::Vector<T> {
        &mut self.0
    }
}

impl<T: Clone + PartialEq> PartialEq for Shared<T> {
    /// Entry by entry; an entry two versions still share (the same place) is not compared,
    /// so comparing a version with the one before it reads only what changed.
    fn eq(&self, other: &Self) -> bool {
        self.0.ptr_eq(&other.0)
            || (self.len() == other.len()
                && self
                    .iter()
                    .zip(other.iter())
                    .all(|(a, b)| std::ptr::eq(a, b) || a == b))
    }
}

impl<T: Clone + fmt::Debug> fmt::Debug for Shared<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl<'a, T: Clone> IntoIterator for &'a Shared<T> {
    type Item = &'a T;
    type IntoIter = imbl::vector::Iter<'a, T, imbl::shared_ptr::DefaultSharedPtr>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<'a, T: Clone> IntoIterator for &'a mut Shared<T> {
    type Item = &'a mut T;
    type IntoIter = imbl::vector::IterMut<'a, T, imbl::shared_ptr::DefaultSharedPtr>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter_mut()
    }
}

impl<T: Clone> FromIterator<T> for Shared<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        Shared(iter.into_iter().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_copies_only_the_version_changed() {
        let mut a: Shared<String> = (0..1000).map(|i| i.to_string()).collect();
        let b = a.clone();
        assert!(a.ptr_eq(&b));
        a.push_back("y".into());
        assert_eq!(b.len(), 1000);
        assert_eq!(a.len(), 1001);
        assert_ne!(a, b);
        // What the two versions still share is the same entry, in the same place.
        assert!(std::ptr::eq(&a[10], &b[10]));
        a.pop_back();
        assert_eq!(a, b);
        assert_eq!(b, (0..1000).map(|i| i.to_string()).collect());
        let c: Shared<String> = ["x".to_string()].into();
        assert_eq!(format!("{c:?}"), r#"["x"]"#);
    }
}
