//! Rounds of a timed job and what they tell: the best round (what the code
//! can do when the machine leaves it alone), the median (the typical round,
//! not moved by a few rounds another job slowed down) and the mean.

use std::time::Duration;

/// The durations of a job's rounds.
pub struct Rounds(Vec<Duration>);

impl Rounds {
    /// Rounds of `f` (each returns its own duration) until they add up to
    /// `min` and number at least `at_least`; exactly `fixed` rounds if given.
    pub fn run(
        min: Duration,
        at_least: usize,
        fixed: Option<usize>,
        mut f: impl FnMut() -> Duration,
    ) -> Self {
        let mut rounds = Vec::new();
        let mut total = Duration::ZERO;
        while fixed.map_or(total < min || rounds.len() < at_least, |n| rounds.len() < n) {
            let dt = f();
            total += dt;
            rounds.push(dt);
        }
        rounds.sort_unstable();
        Rounds(rounds)
    }

    pub fn best(&self) -> Duration {
        self.0.first().copied().unwrap_or_default()
    }

    /// The middle round (the upper one of an even number).
    pub fn median(&self) -> Duration {
        self.0.get(self.0.len() / 2).copied().unwrap_or_default()
    }

    pub fn mean(&self) -> Duration {
        match self.0.len() {
            0 => Duration::ZERO,
            n => self.0.iter().sum::<Duration>() / n as u32,
        }
    }

    /// `5 rounds: best 1.23 ms (12.3 MB/s), median …, mean …` for a job on
    /// `mb` megabytes.
    pub fn summary(&self, mb: f64) -> String {
        let part = |label: &str, d: Duration| {
            format!(
                "{label} {:.2} ms ({:.1} MB/s)",
                d.as_secs_f64() * 1e3,
                mb / d.as_secs_f64()
            )
        };
        format!(
            "{} rounds: {}, {}, {}",
            self.0.len(),
            part("best", self.best()),
            part("median", self.median()),
            part("mean", self.mean())
        )
    }
}
