//! Names shared by many records: entity ids, metric keys, source ids,
//! currency codes and the places in a source that facts point at.
//!
//! A dataset of a million facts names a few thousand entities, three
//! metrics and a handful of sources. A [`Name`] is one shared allocation
//! however many facts hold it, and cloning it copies a pointer, so that
//! figures and derived rows can carry their names without copying text.
//! [`Names`] hands out one `Name` per distinct text while a dataset loads.

use arcstr::ArcStr;
use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;

/// Immutable text, cheap to clone and compared by content: one allocation
/// holding its count, length and bytes, behind a pointer-sized handle
/// (a place cited by one fact costs 48 bytes, not the 80 of a counted box
/// of text).
///
/// ```
/// use earnings::Name;
/// let a = Name::from("alibaba");
/// let b = a.clone();
/// assert_eq!(a, b);
/// assert_eq!(a, "alibaba");
/// assert_eq!(b.len(), 7);
/// ```
#[derive(Clone, Eq, PartialOrd, Ord)]
pub struct Name(ArcStr);

impl std::hash::Hash for Name {
    /// As its text hashes, so that a `str` finds it in a map.
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.hash(state);
    }
}

impl PartialEq for Name {
    /// By content; the same shared text (the common case, since a loader
    /// shares each name) is equal without reading it.
    fn eq(&self, other: &Name) -> bool {
        ArcStr::ptr_eq(&self.0, &other.0) || *self.0 == *other.0
    }
}

impl Name {
    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for Name {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Name {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Name {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl Default for Name {
    fn default() -> Self {
        Name::from("")
    }
}

impl From<&str> for Name {
    fn from(text: &str) -> Name {
        Name(ArcStr::from(text))
    }
}

impl From<String> for Name {
    fn from(text: String) -> Name {
        Name(ArcStr::from(text))
    }
}

impl From<&String> for Name {
    fn from(text: &String) -> Name {
        Name(ArcStr::from(text.as_str()))
    }
}

impl From<Name> for String {
    fn from(name: Name) -> String {
        name.as_str().to_string()
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl PartialEq<str> for Name {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Name {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Name {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialEq<Name> for str {
    fn eq(&self, other: &Name) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<Name> for &str {
    fn eq(&self, other: &Name) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<Name> for String {
    fn eq(&self, other: &Name) -> bool {
        self.as_str() == other.as_str()
    }
}

impl serde::Serialize for Name {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

/// One [`Name`] for each distinct text: the names of a dataset, gathered as
/// it loads.
/// Interning the same text twice gives one name.
#[derive(Clone, Debug, Default)]
pub struct Names(foldhash::HashSet<Name>);

impl Names {
    /// The name with this text, the same one every time.
    pub fn intern(&mut self, text: &str) -> Name {
        if let Some(name) = self.0.get(text) {
            return name.clone();
        }
        let name = Name::from(text);
        self.0.insert(name.clone());
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interning_the_same_text_twice_gives_one_name() {
        let mut names = Names::default();
        let a = names.intern("revenue");
        let b = names.intern("revenue");
        assert_eq!(a, b);
        assert!(ArcStr::ptr_eq(&a.0, &b.0), "one allocation");
        assert_eq!(names.0.len(), 1);
    }
}
