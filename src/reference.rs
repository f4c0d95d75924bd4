//! References to figures, `ENTITY.METRIC@PERIOD`, and the rules for the
//! names in them: the same syntax in datasets and on the command line.

use std::fmt;
use std::str::FromStr;

use crate::name::Name;
use crate::period::{Period, PeriodError};

/// What is wrong with a reference, an entity id or a metric key.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ReferenceError {
    /// Not of the form ENTITY.METRIC@PERIOD.
    #[error(
        "{} is not a reference (expected ENTITY.METRIC@PERIOD, e.g. alibaba.revenue@FY2026)",
        crate::shown::quoted(.0)
    )]
    Shape(String),
    /// Not an entity id.
    #[error(
        "{} is not an entity id (expected lowercase letters, digits and '-', e.g. alibaba-cloud)",
        crate::shown::quoted(.0)
    )]
    EntityId(String),
    /// Not a metric key.
    #[error(
        "{} is not a metric key (expected lowercase snake_case, e.g. net_profit)",
        crate::shown::quoted(.0)
    )]
    MetricKey(String),
    /// Not a period.
    #[error("{0}")]
    Period(#[from] PeriodError),
}

/// Checks an entity id: lowercase letters, digits and `-`, starting with a
/// letter or digit.
pub fn check_entity_id(id: &str) -> Result<(), ReferenceError> {
    let ok = id
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if ok {
        Ok(())
    } else {
        Err(ReferenceError::EntityId(id.to_string()))
    }
}

/// Checks a metric key: lowercase `snake_case`, starting with a letter.
pub fn check_metric_key(key: &str) -> Result<(), ReferenceError> {
    let ok = key.bytes().next().is_some_and(|b| b.is_ascii_lowercase())
        && key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if ok {
        Ok(())
    } else {
        Err(ReferenceError::MetricKey(key.to_string()))
    }
}

/// One figure: an entity's metric over a period.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Reference {
    /// The entity id.
    pub entity: Name,
    /// The metric key.
    pub metric: Name,
    /// The period.
    pub period: Period,
}

impl Reference {
    /// The same figure for another period.
    pub fn with_period(&self, period: Period) -> Reference {
        Reference {
            entity: self.entity.clone(),
            metric: self.metric.clone(),
            period,
        }
    }

    /// The same entity and period, another metric.
    pub fn with_metric(&self, metric: &str) -> Reference {
        Reference {
            entity: self.entity.clone(),
            metric: metric.into(),
            period: self.period.clone(),
        }
    }
}

impl FromStr for Reference {
    type Err = ReferenceError;

    /// ```
    /// use earnings::reference::Reference;
    /// let r: Reference = "alibaba-cloud.revenue@FY2026-Q4".parse().unwrap();
    /// assert_eq!(r.entity, "alibaba-cloud");
    /// assert_eq!(r.to_string(), "alibaba-cloud.revenue@FY2026-Q4");
    /// ```
    fn from_str(text: &str) -> Result<Self, ReferenceError> {
        let shape = || ReferenceError::Shape(text.to_string());
        let (figure, period) = text.split_once('@').ok_or_else(shape)?;
        let (entity, metric) = figure.split_once('.').ok_or_else(shape)?;
        check_entity_id(entity)?;
        check_metric_key(metric)?;
        Ok(Reference {
            entity: entity.into(),
            metric: metric.into(),
            period: period.parse()?,
        })
    }
}

impl Reference {
    /// Writes the reference as [`Display`](fmt::Display) does, to any
    /// writer: into a `String` without the formatting machinery.
    pub fn write_to<W: fmt::Write + ?Sized>(&self, out: &mut W) -> fmt::Result {
        out.write_str(&self.entity)?;
        out.write_str(".")?;
        out.write_str(&self.metric)?;
        out.write_str("@")?;
        self.period.write_to(out)
    }
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_to(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_round_trip() {
        for text in [
            "alibaba.revenue@FY2026",
            "alibaba-cloud.revenue@FY2026-Q4",
            "alibaba-maas.arr@2026-12-31",
            "alibaba-maas.api_tokens@2026-05..2026-06",
        ] {
            let r: Reference = text.parse().unwrap();
            assert_eq!(r.to_string(), text);
        }
    }

    #[test]
    fn bad_references_say_what_is_wrong() {
        type Expect = fn(&ReferenceError) -> bool;
        let cases: [(&str, Expect); 6] = [
            ("alibaba.revenue", |e| matches!(e, ReferenceError::Shape(_))),
            ("alibaba@FY2026", |e| matches!(e, ReferenceError::Shape(_))),
            ("Alibaba.revenue@FY2026", |e| {
                matches!(e, ReferenceError::EntityId(_))
            }),
            ("alibaba.Revenue@FY2026", |e| {
                matches!(e, ReferenceError::MetricKey(_))
            }),
            ("alibaba.net-profit@FY2026", |e| {
                matches!(e, ReferenceError::MetricKey(_))
            }),
            ("alibaba.revenue@FY20X6", |e| {
                matches!(e, ReferenceError::Period(_))
            }),
        ];
        for (text, expected) in cases {
            let err = text.parse::<Reference>().unwrap_err();
            assert!(expected(&err), "{text}: {err}");
        }
    }
}
