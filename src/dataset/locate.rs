//! Finds where a field of a JSON document starts, so that an error found
//! after parsing (a reference to a missing entity, a parent cycle) can still
//! name its line and column.
//!
//! The scanner never recurses, so a document nested 100,000 levels deep
//! cannot overflow the stack, and it gives up (returns `None`) on anything
//! malformed rather than guessing.

/// One step of a field path: an object key or an array index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment {
    /// `.key`
    Key(String),
    /// `[index]`
    Index(usize),
}

/// A field path such as `facts[3].period`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldPath(pub Vec<Segment>);

impl FieldPath {
    /// A path from its segments.
    pub fn new(segments: impl IntoIterator<Item = Segment>) -> FieldPath {
        FieldPath(segments.into_iter().collect())
    }

    /// This path, one key deeper.
    pub fn key(&self, key: &str) -> FieldPath {
        let mut path = self.clone();
        path.0.push(Segment::Key(key.to_string()));
        path
    }
}

/// Segments shown before a path is cut short with `…` (a path 100,000
/// levels deep is not a useful message).
const SHOWN_SEGMENTS: usize = 5;

impl std::fmt::Display for FieldPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (n, segment) in self.0.iter().enumerate() {
            if n == SHOWN_SEGMENTS {
                return write!(f, "…");
            }
            match segment {
                // A key is the dataset's text (an id, a misspelt field).
                Segment::Key(key) if n == 0 => write!(f, "{}", crate::shown::text(key))?,
                Segment::Key(key) => write!(f, ".{}", crate::shown::text(key))?,
                Segment::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

/// The 1-based line and column (in characters) of the value at `path`, or of
/// the deepest part of it that exists.
pub fn locate(text: &str, path: &FieldPath) -> Option<(usize, usize)> {
    let offset = value_offset(text.as_bytes(), path)?;
    Some(line_column(text, offset))
}

/// The 1-based line and column of the second time `key` is written in the
/// object at `path` (where a key written twice is refused).
pub fn locate_repeated_key(text: &str, path: &FieldPath, key: &str) -> Option<(usize, usize)> {
    let mut scanner = Scanner {
        bytes: text.as_bytes(),
        pos: value_offset(text.as_bytes(), path)?,
    };
    scanner.enter_key_after(key, 1)?;
    Some(line_column(text, scanner.pos))
}

/// The 1-based line and column of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count().saturating_add(1);
    let line_start = before.rfind('\n').map_or(0, |at| at.saturating_add(1));
    let column = before
        .get(line_start..)
        .map_or(0, |s| s.chars().count())
        .saturating_add(1);
    (line, column)
}

fn value_offset(bytes: &[u8], path: &FieldPath) -> Option<usize> {
    let mut scanner = Scanner { bytes, pos: 0 };
    scanner.whitespace();
    for segment in &path.0 {
        let found = match segment {
            Segment::Key(key) => scanner.enter_key(key),
            Segment::Index(index) => scanner.enter_index(*index),
        };
        if found.is_none() {
            // The deepest existing part is the best place to point at.
            break;
        }
    }
    Some(scanner.pos)
}

struct Scanner<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn bump(&mut self) {
        self.pos = self.pos.saturating_add(1);
    }

    fn whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.bump();
        }
    }

    /// Skips a string starting at `"`, returning its raw contents.
    fn string(&mut self) -> Option<&[u8]> {
        if self.peek() != Some(b'"') {
            return None;
        }
        self.bump();
        let start = self.pos;
        loop {
            match self.peek()? {
                b'\\' => {
                    self.bump();
                    self.bump();
                }
                b'"' => {
                    let end = self.pos;
                    self.bump();
                    return self.bytes.get(start..end);
                }
                _ => self.bump(),
            }
        }
    }

    /// Skips one value of any kind, counting brackets instead of recursing.
    fn skip_value(&mut self) -> Option<()> {
        let mut depth: usize = 0;
        loop {
            match self.peek()? {
                b'"' => {
                    self.string()?;
                }
                b'{' | b'[' => {
                    depth = depth.saturating_add(1);
                    self.bump();
                }
                b'}' | b']' => {
                    depth = depth.checked_sub(1)?;
                    self.bump();
                }
                b',' | b':' if depth > 0 => self.bump(),
                b',' | b':' => return Some(()),
                _ => self.bump(),
            }
            if depth == 0 {
                // A scalar ends at a delimiter; a container at its bracket.
                match self.peek() {
                    Some(b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r') | None => {
                        return Some(());
                    }
                    _ => {}
                }
            }
        }
    }

    fn enter_key(&mut self, key: &str) -> Option<()> {
        self.enter_key_after(key, 0)
    }

    /// Enters the value of `key` after skipping `skip` earlier occurrences
    /// of it.
    fn enter_key_after(&mut self, key: &str, mut skip: usize) -> Option<()> {
        let start = self.pos;
        if self.peek() != Some(b'{') {
            return None;
        }
        self.bump();
        loop {
            self.whitespace();
            let name = self.string();
            let Some(name) = name else {
                self.pos = start;
                return None;
            };
            let matches = name == key.as_bytes();
            self.whitespace();
            if self.peek() != Some(b':') {
                self.pos = start;
                return None;
            }
            self.bump();
            self.whitespace();
            if matches && skip == 0 {
                return Some(());
            }
            if matches {
                skip = skip.saturating_sub(1);
            }
            self.past_value(start)?;
        }
    }

    fn enter_index(&mut self, index: usize) -> Option<()> {
        let start = self.pos;
        if self.peek() != Some(b'[') {
            return None;
        }
        self.bump();
        self.whitespace();
        for _ in 0..index {
            self.past_value(start)?;
            self.whitespace();
        }
        Some(())
    }

    /// Skips a value and the comma after it; without a comma, back to
    /// `start`.
    fn past_value(&mut self, start: usize) -> Option<()> {
        self.skip_value()?;
        self.whitespace();
        if self.peek() != Some(b',') {
            self.pos = start;
            return None;
        }
        self.bump();
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_fields() {
        let text = "{\n  \"facts\": [\n    {\"a\": 1},\n    {\"b\": [1, {\"x\": \"}\"}], \"period\": \"FY20X6\"}\n  ]\n}";
        let path = FieldPath::new([
            Segment::Key("facts".into()),
            Segment::Index(1),
            Segment::Key("period".into()),
        ]);
        assert_eq!(path.to_string(), "facts[1].period");
        assert_eq!(locate(text, &path), Some((4, 38)));
    }

    #[test]
    fn points_at_the_deepest_existing_part() {
        let text = "{\"facts\": [{\"a\": 1}]}";
        let path = FieldPath::new([
            Segment::Key("facts".into()),
            Segment::Index(0),
            Segment::Key("missing".into()),
        ]);
        assert_eq!(locate(text, &path), Some((1, 12)));
    }

    #[test]
    fn finds_the_second_time_a_key_is_written() {
        let text = "{\"s\": {\n \"r\": 1,\n \"q\": {\"r\": 0},\n \"r\": 2}}";
        let path = FieldPath::new([Segment::Key("s".into())]);
        assert_eq!(locate_repeated_key(text, &path, "r"), Some((4, 7)));
        assert_eq!(locate_repeated_key(text, &path, "q"), None);
    }

    #[test]
    fn survives_deep_and_broken_input() {
        let deep = "[".repeat(100_000);
        let path = FieldPath::new([Segment::Index(0), Segment::Index(3)]);
        assert!(locate(&deep, &path).is_some());
        assert!(
            locate(
                "{\"a\": \"unterminated",
                &FieldPath::new([Segment::Key("b".into())])
            )
            .is_some()
        );
    }
}
