//! The library's errors: bad data says which file, line, column and field,
//! what was found and what was expected.

use std::fmt;

/// Bad input in a dataset. Its `Display` is the one line a user reads first:
/// `data.json:12:17: facts[3].period: "FY20X6" is not a period (…)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DataError {
    /// The file (or `<stdin>`, or the bundled dataset's name).
    pub file: String,
    /// 1-based line and column, where known.
    pub position: Option<(usize, usize)>,
    /// The field path, e.g. `facts[3].period`, where known.
    pub field: Option<String>,
    /// What was found and what was expected.
    pub message: String,
}

impl DataError {
    /// An error about a whole file (unreadable, not UTF-8, empty).
    pub fn file(file: &str, message: impl Into<String>) -> DataError {
        DataError {
            file: file.to_string(),
            position: None,
            field: None,
            message: message.into(),
        }
    }
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some((line, column)) = self.position {
            write!(f, ":{line}:{column}")?;
        }
        if let Some(field) = &self.field {
            write!(f, ": {field}")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for DataError {}

/// Any error the library reports.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A dataset is malformed or inconsistent.
    #[error(transparent)]
    Data(#[from] DataError),
    /// The request cannot be answered as asked (an unknown entity in a
    /// filter, a currency with no exchange rate).
    #[error("{0}")]
    Usage(String),
    /// A computation overflowed the decimal range.
    #[error("{0}")]
    Arithmetic(String),
    /// The output could not be written.
    #[error("cannot write the output")]
    Output(#[source] std::io::Error),
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
