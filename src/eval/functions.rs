//! The functions of the expression language (`yoy`, `prior`, `share`,
//! `margin`, `run_rate`, `cagr`, `growth`, `min`, `max`), each evaluated with
//! the formulas every command uses.

use super::*;
use crate::expr::{Function, Node, Span};

impl Evaluator<'_> {
    pub(super) fn call(
        &mut self,
        function: Function,
        args: &[Node],
        span: Span,
        label: String,
    ) -> Result<Step, EvalError> {
        let name = function.name();
        let figure_arg = |i: usize| -> Result<(&FigureRef, Span), EvalError> {
            match args.get(i).map(|n| (&n.kind, n.span)) {
                Some((NodeKind::Figure(f), span)) => Ok((f, span)),
                _ => Err(unit_error(
                    span,
                    format!("{name} needs a figure: {}", function.signature()),
                )),
            }
        };
        let (value, how, children) = match function {
            Function::Yoy => {
                let (figure, arg_span) = figure_arg(0)?;
                self.yoy(figure, arg_span)?
            }
            Function::Prior => {
                let (figure, arg_span) = figure_arg(0)?;
                let prior = prior_of(&figure.reference, arg_span)?;
                let (known, step) = self.read(figure, arg_span, &prior, Some("the prior year"))?;
                let value = Value {
                    amount: Amount::Known(known.value),
                    unit: Dimension::of_unit(&known.unit),
                };
                (
                    value,
                    format!("the prior-year figure of {}", figure.reference),
                    vec![step],
                )
            }
            Function::Margin => {
                let (figure, arg_span) = figure_arg(0)?;
                self.margin(figure, arg_span)?
            }
            Function::RunRate => {
                let (figure, arg_span) = figure_arg(0)?;
                self.run_rate(figure, arg_span)?
            }
            Function::Cagr => {
                let (from, from_span) = figure_arg(0)?;
                let (to, to_span) = figure_arg(1)?;
                self.cagr(from, from_span, to, to_span, span)?
            }
            Function::Share => self.share(args, span)?,
            Function::Growth => self.growth(args, span)?,
            Function::Min | Function::Max => self.extreme(function, args, span)?,
        };
        Ok(Step {
            span,
            label,
            node: name,
            value,
            how,
            children,
        })
    }

    fn yoy(
        &mut self,
        figure: &FigureRef,
        span: Span,
    ) -> Result<(Value, String, Vec<Step>), EvalError> {
        let prior_figure = prior_of(&figure.reference, span)?;
        let (current, current_step) = self.read(figure, span, &figure.reference, None)?;
        if current.unit == Unit::Percent {
            return Err(unit_error(
                span,
                format!(
                    "yoy: {0} is a percent, whose change is in percentage points: write {0} - prior({0})",
                    current.figure
                ),
            ));
        }
        let (prior, prior_step) = self.read(figure, span, &prior_figure, Some("the prior year"))?;
        if current.unit != prior.unit {
            return Err(unit_error(
                span,
                format!(
                    "yoy: {} is in {} but {} in {}",
                    current.figure, current.unit, prior.figure, prior.unit
                ),
            ));
        }
        let percent = formula::yoy_percent(&current.value, &prior.value)
            .map_err(|e| arith(span, "yoy", e))?;
        let amount = match percent {
            Some(v) => Amount::Known(v),
            // The same words as the `yoy` command's note.
            None if prior.value.contains_zero() || current.value.contains_zero() => {
                Amount::NotMeaningful("n/m: a figure can be zero".to_string())
            }
            None => Amount::NotMeaningful("n/m: the sign changed".to_string()),
        };
        Ok((
            Value {
                amount,
                unit: Dimension::Percent,
            },
            "(current − prior) / |prior| × 100".to_string(),
            vec![current_step, prior_step],
        ))
    }

    fn margin(
        &mut self,
        figure: &FigureRef,
        span: Span,
    ) -> Result<(Value, String, Vec<Step>), EvalError> {
        let base = figure.reference.with_metric(metric::REVENUE);
        let (part, part_step) = self.read(figure, span, &figure.reference, None)?;
        let (whole, whole_step) = self.read(
            figure,
            span,
            &base,
            Some("the revenue a margin is taken over"),
        )?;
        if part.unit != whole.unit || part.unit == Unit::Percent {
            return Err(unit_error(
                span,
                format!(
                    "margin: {} is in {} and {} in {}, which do not make a margin",
                    part.figure, part.unit, whole.figure, whole.unit
                ),
            ));
        }
        let value = formula::percent_of(&part.value, &whole.value).map_err(|e| match e {
            ArithError::DivisionByZero => value_error(
                span,
                format!(
                    "margin: {} can be zero ({})",
                    whole.figure,
                    interval(&whole.value)
                ),
            ),
            other => arith(span, "margin", other),
        })?;
        Ok((
            Value {
                amount: Amount::Known(value),
                unit: Dimension::Percent,
            },
            "figure / revenue × 100".to_string(),
            vec![part_step, whole_step],
        ))
    }

    fn run_rate(
        &mut self,
        figure: &FigureRef,
        span: Span,
    ) -> Result<(Value, String, Vec<Step>), EvalError> {
        let reference = &figure.reference;
        let period = &reference.period;
        let refuse = |why: String| Err(unit_error(span, format!("run_rate: {why}")));
        if period.is_instant() {
            return refuse(format!(
                "{period} is an instant (a balance), which has no run-rate"
            ));
        }
        let months = period.months().unwrap_or(12);
        if months >= 12 {
            return refuse(format!(
                "{period} is a year or longer, which has no run-rate"
            ));
        }
        if metric::is_arr(&reference.metric) {
            return refuse(format!(
                "{} is an ARR, already a yearly figure",
                reference.metric
            ));
        }
        if metric::is_per_unit(&reference.metric) {
            return refuse(format!(
                "{} is a rate per unit, not a flow",
                reference.metric
            ));
        }
        let (known, step) = self.read(figure, span, reference, None)?;
        if !matches!(known.unit, Unit::Currency(_) | Unit::Count(_)) {
            return refuse(format!(
                "{} is in {}: a run-rate annualizes an amount or a count",
                known.figure, known.unit
            ));
        }
        let Some(per_year) = period.per_year() else {
            return refuse(format!("{period} has no length"));
        };
        let value =
            formula::run_rate(&known.value, per_year).map_err(|e| arith(span, "run_rate", e))?;
        let how = if 12u32.checked_rem(months) == Some(0) {
            format!("figure × {}", per_year.normalize())
        } else {
            format!("figure × 12/{months}")
        };
        Ok((
            Value {
                amount: Amount::Known(value),
                unit: Dimension::of_unit(&known.unit),
            },
            how,
            vec![step],
        ))
    }

    fn cagr(
        &mut self,
        from: &FigureRef,
        from_span: Span,
        to: &FigureRef,
        to_span: Span,
        span: Span,
    ) -> Result<(Value, String, Vec<Step>), EvalError> {
        let (start, start_step) = self.read(from, from_span, &from.reference, None)?;
        let (end, end_step) = self.read(to, to_span, &to.reference, None)?;
        if start.unit != end.unit || matches!(start.unit, Unit::Percent) {
            return Err(unit_error(
                span,
                format!(
                    "cagr compares two amounts or counts of one unit: {} is in {} and {} in {}",
                    start.figure, start.unit, end.figure, end.unit
                ),
            ));
        }
        let position = |r: &Reference, at: Span| {
            r.period
                .midpoint_position(self.env.fiscal_year_end(&r.entity))
                .map_err(|e| unit_error(at, format!("cagr: {e}")))
        };
        let months = position(&to.reference, to_span)?
            .checked_sub(position(&from.reference, from_span)?)
            .filter(|m| *m > Decimal::ZERO)
            .ok_or_else(|| {
                unit_error(
                    span,
                    format!(
                        "cagr: {} must come after {} (from the earlier figure to the later)",
                        to.reference.period, from.reference.period
                    ),
                )
            })?;
        if !(start.value.is_positive() && end.value.is_positive()) {
            return Err(value_error(
                span,
                format!(
                    "cagr: both figures must be above zero for a compound rate ({} is {}, {} is {})",
                    start.figure,
                    interval(&start.value),
                    end.figure,
                    interval(&end.value)
                ),
            ));
        }
        let multiple =
            formula::multiple(&end.value, &start.value).map_err(|e| arith(span, "cagr", e))?;
        let years = months
            .checked_div(Decimal::from(12))
            .ok_or_else(|| arith(span, "cagr", ArithError::Overflow))?;
        let rate =
            formula::compound_growth(&multiple, years).map_err(|e| arith(span, "cagr", e))?;
        let months_text = months.normalize();
        Ok((
            Value {
                amount: Amount::Known(rate),
                unit: Dimension::Percent,
            },
            format!(
                "(to / from)^(12/{months_text}) − 1: {months_text} months between the midpoints of {} and {}",
                from.reference.period, to.reference.period
            ),
            vec![start_step, end_step],
        ))
    }

    fn args(&mut self, args: &[Node]) -> Result<Vec<Step>, EvalError> {
        args.iter().map(|a| self.node(a)).collect()
    }

    fn share(
        &mut self,
        args: &[Node],
        span: Span,
    ) -> Result<(Value, String, Vec<Step>), EvalError> {
        let steps = self.args(args)?;
        let (Some(part), Some(whole)) = (steps.first(), steps.get(1)) else {
            return Err(unit_error(
                span,
                "share takes two arguments: share(part, whole)",
            ));
        };
        let (_, take_part, take_whole) = unit::same(&part.value.unit, &whole.value.unit, "compare")
            .map_err(|m| unit_error(span, format!("share: {m}")))?;
        let amount = match (&part.value.amount, &whole.value.amount) {
            (Amount::NotMeaningful(r), _) | (_, Amount::NotMeaningful(r)) => {
                Amount::NotMeaningful(r.clone())
            }
            (Amount::Known(a), Amount::Known(b)) => {
                let a = taken(a, take_part).map_err(|e| arith(span, "share", e))?;
                let b = taken(b, take_whole).map_err(|e| arith(span, "share", e))?;
                Amount::Known(formula::percent_of(&a, &b).map_err(|e| match e {
                    ArithError::DivisionByZero => value_error(
                        whole.span,
                        format!("share: the whole can be zero ({})", interval(&b)),
                    ),
                    other => arith(span, "share", other),
                })?)
            }
        };
        Ok((
            Value {
                amount,
                unit: Dimension::Percent,
            },
            "part / whole × 100".to_string(),
            steps,
        ))
    }

    fn growth(
        &mut self,
        args: &[Node],
        span: Span,
    ) -> Result<(Value, String, Vec<Step>), EvalError> {
        let steps = self.args(args)?;
        let (Some(multiple), Some(months)) = (steps.first(), steps.get(1)) else {
            return Err(unit_error(
                span,
                "growth takes two arguments: growth(multiple, months)",
            ));
        };
        if !multiple.value.unit.is_dimensionless() {
            return Err(unit_error(
                multiple.span,
                format!(
                    "growth: the multiple must be a multiple or a number, not {}",
                    multiple.value.unit.phrase()
                ),
            ));
        }
        if months.value.unit != Dimension::Number {
            return Err(unit_error(
                months.span,
                format!(
                    "growth: the months must be a plain number, not {}",
                    months.value.unit.phrase()
                ),
            ));
        }
        let count = match &months.value.amount {
            Amount::Known(m) if m.is_exact() && m.point() > Decimal::ZERO => m.point(),
            _ => {
                return Err(unit_error(
                    months.span,
                    "growth: the months must be an exact number above zero",
                ));
            }
        };
        let take = if multiple.value.unit == Dimension::Percent {
            Take::Ratio
        } else {
            Take::AsIs
        };
        let amount = match &multiple.value.amount {
            Amount::NotMeaningful(r) => Amount::NotMeaningful(r.clone()),
            Amount::Known(m) => {
                let m = taken(m, take).map_err(|e| arith(span, "growth", e))?;
                if !m.is_positive() {
                    return Err(value_error(
                        multiple.span,
                        format!(
                            "growth: the multiple can be zero or negative ({})",
                            interval(&m)
                        ),
                    ));
                }
                Amount::Known(
                    formula::compound_growth(&m, count).map_err(|e| arith(span, "growth", e))?,
                )
            }
        };
        let count = count.normalize();
        Ok((
            Value {
                amount,
                unit: Dimension::Percent,
            },
            format!("multiple^(1/{count}) − 1, per month"),
            steps,
        ))
    }

    fn extreme(
        &mut self,
        function: Function,
        args: &[Node],
        span: Span,
    ) -> Result<(Value, String, Vec<Step>), EvalError> {
        let steps = self.args(args)?;
        let name = function.name();
        let mut iter = steps.iter();
        let Some(first) = iter.next() else {
            return Err(unit_error(
                span,
                format!("{name} takes at least one argument"),
            ));
        };
        let mut acc = first.value.clone();
        for step in iter {
            let (unit, take_acc, take_next) = unit::same(&acc.unit, &step.value.unit, "compare")
                .map_err(|m| unit_error(step.span, format!("{name}: {m}")))?;
            let amount = match (&acc.amount, &step.value.amount) {
                (Amount::NotMeaningful(r), _) | (_, Amount::NotMeaningful(r)) => {
                    Amount::NotMeaningful(r.clone())
                }
                (Amount::Known(a), Amount::Known(b)) => {
                    let a = taken(a, take_acc).map_err(|e| arith(span, name, e))?;
                    let b = taken(b, take_next).map_err(|e| arith(span, name, e))?;
                    let pick = if function == Function::Min {
                        interval_min(&a, &b)
                    } else {
                        interval_max(&a, &b)
                    };
                    Amount::Known(pick.map_err(|e| arith(span, name, e))?)
                }
            };
            acc = Value { amount, unit };
        }
        let how = if function == Function::Min {
            "the smaller, end by end"
        } else {
            "the larger, end by end"
        };
        Ok((acc, how.to_string(), steps))
    }
}

/// The prior-year figure of `reference`, or an error at `span`.
fn prior_of(reference: &Reference, span: Span) -> Result<Reference, EvalError> {
    reference
        .period
        .prior_year()
        .map(|p| reference.with_period(p))
        .map_err(|e| {
            unit_error(
                span,
                format!("{} has no prior-year period ({e})", reference.period),
            )
        })
}
