//! Fuzz target: any string parses as a period or is refused; a period that
//! parses prints as text that parses back to the same period, and its dates,
//! length and prior year are computed without panicking.
#![no_main]

use earnings::period::{FiscalYearEnd, Period};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = text.parse::<FiscalYearEnd>();
    let Ok(period) = text.parse::<Period>() else {
        return;
    };
    let shown = period.to_string();
    assert_eq!(
        shown.parse::<Period>().as_ref(),
        Ok(&period),
        "{text:?} → {shown:?}"
    );
    for end in [
        FiscalYearEnd::DECEMBER,
        FiscalYearEnd::new(3, 31).unwrap_or_default(),
    ] {
        let _ = period.dates(end);
        let _ = period.milestone_position(end);
        let _ = period.midpoint_position(end);
    }
    let _ = period.months();
    let _ = period.per_year();
    if let Ok(prior) = period.prior_year() {
        assert_eq!(prior.months(), period.months(), "{text:?}");
    }
});
