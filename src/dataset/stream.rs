//! Documents in files, parsed as they are read: the text of a large
//! dataset is never held whole beside the facts made from it. A document
//! is read in blocks ([`super::blocks`]); one that reader does not take is
//! read as a stream, and one that fails to parse is read again whole, so
//! that its error names the place exactly as one given as bytes would.

use std::fs::File;
use std::io::{self, BufReader, Read, Seek, SeekFrom};

use super::load::{DocText, Loaded, Loader, checked_text};
use crate::error::DataError;
use crate::name::Name;

/// Bytes read from a file at a time while it is parsed.
const BUFFER: usize = 1 << 18;

/// A file's whole content, read from its start.
pub(super) fn read_again(file: &File) -> io::Result<Vec<u8>> {
    let mut file = file;
    file.seek(SeekFrom::Start(0))?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)?;
    Ok(bytes)
}

impl<'a> Loader<'a> {
    /// Takes in a document read from `file`, named `name`.
    pub(super) fn add_file(&mut self, name: &str, file: &'a File) -> Result<(), DataError> {
        let cannot = |e: io::Error| DataError::file(name, format!("cannot read: {e}"));
        let len = file.metadata().map_err(cannot)?.len();
        let doc = self.documents.len();
        let (facts, refused) = self.facts_made();
        self.documents.push(Loaded {
            name: Name::from(name),
            text: DocText::File(file),
        });
        self.first_fact.push(facts);
        let mut start = file;
        start.seek(SeekFrom::Start(0)).map_err(cannot)?;
        let len = usize::try_from(len).unwrap_or(usize::MAX);
        let parallel = self.room_for(len);
        let cut = super::blocks::cut(parallel);
        let name_of = Name::from(name);
        if let Some(raw) = super::blocks::read(file, cut, &mut self.maker, name_of, doc) {
            return self.define(doc, raw);
        }
        // Not as the block reader expects (an error, most likely): read as
        // a stream, which knows every document.
        self.undo_facts(facts, refused);
        start.seek(SeekFrom::Start(0)).map_err(cannot)?;
        let read = serde_json::de::IoRead::new(BufReader::with_capacity(BUFFER, file));
        if let Ok(raw) = self.quick(doc, len, read) {
            return self.define(doc, raw);
        }
        self.undo_facts(facts, refused);
        let bytes = read_again(file).map_err(cannot)?;
        checked_text(name, &bytes)?;
        // Checked just now: the bytes are UTF-8.
        let text = String::from_utf8(bytes).map_err(|e| cannot(io::Error::other(e)))?;
        let raw = self.parse(doc, &text)?;
        if let Some(loaded) = self.documents.get_mut(doc) {
            loaded.text = DocText::Owned(text);
        }
        self.define(doc, raw)
    }
}
