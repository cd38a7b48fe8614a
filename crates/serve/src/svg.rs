//! Charts drawn on the server as SVG: a dyad's timeline and an actor's network. Colours are presentation
//! attributes (not `style`), so the Content-Security-Policy needs no inline styles; every label is escaped by maud.

use maud::{Markup, html};

use crate::api::{ApiPartner, ApiPeriod};
use crate::html::seg;

/// QuadClass colours: verbal cooperation, material cooperation, verbal conflict, material conflict.
pub(crate) const QUAD_COLOURS: [&str; 4] = ["#8fd18f", "#2e8b57", "#f4b04f", "#c0392b"];
/// QuadClass names.
pub(crate) const QUAD_NAMES: [&str; 4] =
    ["verbal cooperation", "material cooperation", "verbal conflict", "material conflict"];

/// A period's place on a time axis: months since year 0, or weeks since 1970 for a `YYYY-MM-DD` Monday.
fn period_index(period: &str) -> Option<i64> {
    let mut parts = period.split('-').map(|p| p.parse::<i64>().ok());
    let (y, m) = (parts.next()??, parts.next()??);
    match parts.next() {
        None => Some(y * 12 + m - 1),
        Some(d) => {
            let d = d?;
            // Days from civil (Howard Hinnant), then weeks.
            let y = if m <= 2 { y - 1 } else { y };
            let era = y.div_euclid(400);
            let yoe = y - era * 400;
            let mp = (m + 9) % 12;
            let doy = (153 * mp + 2) / 5 + d - 1;
            let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
            Some((era * 146_097 + doe - 719_468).div_euclid(7))
        }
    }
}

/// The timeline: a stacked bar per period (events by QuadClass) on a time axis, and the mean Goldstein score as a
/// line on a -10..10 scale. Each bar links to its period's events on the page.
pub(crate) fn timeline(series: &[ApiPeriod]) -> Markup {
    let (points, sparse) = place(series);
    let f = Frame::new(&points);
    let bar = (f.slot * 0.8).clamp(1.0, 40.0);
    let max = points.iter().map(|p| p.1.events).max().unwrap_or(0).max(1) as f64;
    let (w, h, left, top, pw, ph) = (f.w, f.h, f.left, f.top, f.pw, f.ph);
    let line: Vec<String> =
        points.iter().map(|(i, p)| format!("{:.1},{:.1}", f.x_of(*i), f.g_y(p.mean_goldstein))).collect();
    // Labels at least 80 px apart.
    let mut ticks: Vec<&(i64, &ApiPeriod)> = Vec::new();
    for p in &points {
        if ticks.last().is_none_or(|t| f.x_of(p.0) - f.x_of(t.0) >= 80.0) {
            ticks.push(p);
        }
    }
    let bars = bars(&points, &f, bar, max);
    html! {
        svg #timeline class="chart" xmlns="http://www.w3.org/2000/svg" viewBox=(format!("0 0 {w} {h}"))
            role="img" aria-label="Events by period, coloured by QuadClass, with the mean Goldstein score" {
            title { "Events by period and QuadClass; line: mean Goldstein score" }
            rect x=(left) y=(top) width=(pw) height=(ph) fill="#fafafa" stroke="#ddd" {}
            @if sparse {
                text x=(left + pw) y=(top - 4.0) text-anchor="end" font-size="10" fill="#777" {
                    "one slot per period with events; empty periods left out"
                }
            }
            line x1=(left) x2=(left + pw) y1=(f.g_y(0.0)) y2=(f.g_y(0.0)) stroke="#bbb" stroke-dasharray="4 3" {}
            text x=(left - 6.0) y=(top + 10.0) text-anchor="end" font-size="11" { (max as u64) }
            text x=(left - 6.0) y=(top + ph) text-anchor="end" font-size="11" { "0" }
            text x=(left + pw + 6.0) y=(f.g_y(10.0) + 10.0) font-size="11" fill="#1f4e9a" { "+10" }
            text x=(left + pw + 6.0) y=(f.g_y(0.0) + 4.0) font-size="11" fill="#1f4e9a" { "0" }
            text x=(left + pw + 6.0) y=(f.g_y(-10.0)) font-size="11" fill="#1f4e9a" { "-10" }
            @for (period, x, segments) in &bars {
                a.bar href=(format!("#p-{period}")) {
                    @for (q, n, y, bh) in segments {
                        rect class=(format!("q{}", q + 1)) x=(format!("{x:.1}")) y=(format!("{y:.1}"))
                            width=(format!("{bar:.1}")) height=(format!("{bh:.1}"))
                            fill=(QUAD_COLOURS.get(*q).copied().unwrap_or("#999")) {
                            title { (period) ": " (n) " " (QUAD_NAMES.get(*q).copied().unwrap_or("")) }
                        }
                    }
                }
            }
            @if !line.is_empty() {
                polyline.goldstein points=(line.join(" ")) fill="none" stroke="#1f4e9a" stroke-width="2" {}
                @for (i, p) in &points {
                    circle cx=(format!("{:.1}", f.x_of(*i))) cy=(format!("{:.1}", f.g_y(p.mean_goldstein))) r="3"
                        fill="#1f4e9a" {
                        title { (p.period) ": mean Goldstein " (format!("{:.1}", p.mean_goldstein)) }
                    }
                }
            }
            @for (i, p) in ticks {
                text x=(format!("{:.1}", f.x_of(*i))) y=(h - f.bottom + 16.0) text-anchor="middle" font-size="11" {
                    (p.period)
                }
            }
            (legend(&f))
        }
    }
}

/// The timeline's geometry: the plot area inside its margins, and the slots of the time axis.
struct Frame {
    w: f64,
    h: f64,
    left: f64,
    top: f64,
    bottom: f64,
    pw: f64,
    ph: f64,
    /// The first slot's period index.
    lo: i64,
    /// A slot's width.
    slot: f64,
}

impl Frame {
    fn new(points: &[(i64, &ApiPeriod)]) -> Frame {
        let (w, h, left, right, top, bottom) = (960.0, 280.0, 44.0, 44.0, 16.0, 40.0);
        let (pw, ph) = (w - left - right, h - top - bottom);
        let (lo, hi) = (points.iter().map(|p| p.0).min().unwrap_or(0), points.iter().map(|p| p.0).max().unwrap_or(0));
        let slots = (hi - lo + 1).max(1) as f64;
        Frame { w, h, left, top, bottom, pw, ph, lo, slot: pw / slots }
    }

    /// The centre of period `i`'s slot.
    fn x_of(&self, i: i64) -> f64 {
        self.left + (i - self.lo) as f64 * self.slot + self.slot / 2.0
    }

    /// The height of Goldstein score `g` on the -10..10 scale.
    fn g_y(&self, g: f64) -> f64 {
        self.top + self.ph * (10.0 - g.clamp(-10.0, 10.0)) / 20.0
    }
}

/// Each period with its place on the axis: its period index, unless the periods are so far apart (a recalled 1960
/// among this decade's events) that bars would be hairlines: then one slot per period, in order (`true`).
fn place(series: &[ApiPeriod]) -> (Vec<(i64, &ApiPeriod)>, bool) {
    let points: Vec<(i64, &ApiPeriod)> = series.iter().filter_map(|p| Some((period_index(&p.period)?, p))).collect();
    let (lo, hi) = (points.iter().map(|p| p.0).min().unwrap_or(0), points.iter().map(|p| p.0).max().unwrap_or(0));
    let sparse = hi - lo + 1 > 60 && (hi - lo + 1) as usize > 3 * points.len();
    if sparse { (points.iter().enumerate().map(|(n, (_, p))| (n as i64, *p)).collect(), true) } else { (points, false) }
}

/// A bar's QuadClass segment, stacked from the bottom: class, count, top, height.
type Segment = (usize, u64, f64, f64);

/// Each bar: its period, left edge, and its segments.
fn bars<'p>(points: &[(i64, &'p ApiPeriod)], f: &Frame, bar: f64, max: f64) -> Vec<(&'p str, f64, Vec<Segment>)> {
    points
        .iter()
        .map(|(i, p)| {
            let mut y = f.top + f.ph;
            let segments = (p.quad_classes.iter().enumerate())
                .filter(|(_, n)| **n > 0)
                .map(|(q, n)| {
                    let bh = f.ph * *n as f64 / max;
                    y -= bh;
                    (q, *n, y, bh)
                })
                .collect();
            (p.period.as_str(), f.x_of(*i) - bar / 2.0, segments)
        })
        .collect()
}

/// The key below the plot: the QuadClass colours and the Goldstein line.
fn legend(f: &Frame) -> Markup {
    let (left, h) = (f.left, f.h);
    html! {
        @for (q, name) in QUAD_NAMES.iter().enumerate() {
            rect x=(left + q as f64 * 170.0) y=(h - 14.0) width="10" height="10"
                fill=(QUAD_COLOURS.get(q).copied().unwrap_or("#999")) {}
            text x=(left + q as f64 * 170.0 + 14.0) y=(h - 5.0) font-size="11" { (name) }
        }
        line x1=(left + 690.0) x2=(left + 710.0) y1=(h - 9.0) y2=(h - 9.0) stroke="#1f4e9a" stroke-width="2" {}
        text x=(left + 714.0) y=(h - 5.0) font-size="11" { "mean Goldstein" }
    }
}

/// A colour for a mean Goldstein score: red at -10, grey at 0, green at +10.
pub(crate) fn goldstein_colour(g: f64) -> String {
    let t = (g.clamp(-10.0, 10.0) / 10.0).abs();
    let (grey, end) = ((150.0, 150.0, 150.0), if g < 0.0 { (192.0, 40.0, 40.0) } else { (30.0, 140.0, 60.0) });
    let mix = |a: f64, b: f64| (a + (b - a) * t).round() as u8;
    format!("#{:02x}{:02x}{:02x}", mix(grey.0, end.0), mix(grey.1, end.1), mix(grey.2, end.2))
}

/// The network of an actor: the actor in the middle, its partners around it; edge width grows with the number
/// of events, edge colour is their mean Goldstein score. Each partner links to the dyad's page.
pub(crate) fn network(actor: &str, label: &str, partners: &[ApiPartner]) -> Markup {
    let (w, h) = (720.0, 520.0);
    let (cx, cy, r) = (w / 2.0, h / 2.0, 200.0);
    let max = partners.iter().map(|p| p.events).max().unwrap_or(0).max(1) as f64;
    let n = partners.len().max(1) as f64;
    let place = |i: usize| {
        let a = std::f64::consts::TAU * i as f64 / n - std::f64::consts::FRAC_PI_2;
        (cx + r * a.cos(), cy + r * a.sin())
    };
    html! {
        svg #network class="chart" xmlns="http://www.w3.org/2000/svg" viewBox=(format!("0 0 {w} {h}"))
            role="img" aria-label="Partners of the actor: edge width is events, colour is mean Goldstein" {
            title { "Partners: edge width = events, colour = mean Goldstein" }
            @for (i, p) in partners.iter().enumerate() {
                @let (x, y) = place(i);
                line.edge x1=(cx) y1=(cy) x2=(format!("{x:.1}")) y2=(format!("{y:.1}"))
                    stroke=(goldstein_colour(p.mean_goldstein))
                    stroke-width=(format!("{:.1}", 1.0 + 11.0 * p.events as f64 / max)) stroke-linecap="round" {
                    title { (p.name) ": " (p.events) " events, mean Goldstein " (format!("{:.1}", p.mean_goldstein)) }
                }
            }
            @for (i, p) in partners.iter().enumerate() {
                @let (x, y) = place(i);
                a.node href=(format!("/dyads/{}/{}", seg(actor), seg(&p.key))) {
                    circle cx=(format!("{x:.1}")) cy=(format!("{y:.1}")) r="16" fill="#fff" stroke="#555" {}
                    text x=(format!("{x:.1}")) y=(format!("{:.1}", y + 4.0)) text-anchor="middle" font-size="10" {
                        (p.key.chars().take(6).collect::<String>())
                    }
                    text x=(format!("{x:.1}")) y=(format!("{:.1}", y + 30.0)) text-anchor="middle" font-size="11"
                        fill="#333" { (p.name.chars().take(28).collect::<String>()) " (" (p.events) ")" }
                }
            }
            circle cx=(cx) cy=(cy) r="30" fill="#1f4e9a" {}
            text x=(cx) y=(cy + 4.0) text-anchor="middle" font-size="12" fill="#fff" {
                (label.chars().take(8).collect::<String>())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_are_placed_on_a_time_axis() {
        assert_eq!(period_index("2017-05").zip(period_index("2017-04")).map(|(a, b)| a - b), Some(1));
        assert_eq!(period_index("2018-01").zip(period_index("2017-12")).map(|(a, b)| a - b), Some(1));
        // Two Mondays a week apart, across a month end.
        assert_eq!(period_index("2017-05-01").zip(period_index("2017-04-24")).map(|(a, b)| a - b), Some(1));
        assert_eq!(period_index("garbage"), None);
    }

    #[test]
    fn goldstein_colours_run_red_grey_green() {
        assert_eq!(goldstein_colour(-10.0), "#c02828");
        assert_eq!(goldstein_colour(0.0), "#969696");
        assert_eq!(goldstein_colour(10.0), "#1e8c3c");
    }

    #[test]
    fn labels_are_escaped_in_charts() {
        let p = ApiPartner { key: "<x>".into(), name: "\"><script>".into(), events: 2, mean_goldstein: 1.0 };
        let svg = network("A&B", "<b>", &[p]).into_string();
        assert!(!svg.contains("<script>") && !svg.contains("<b>") && !svg.contains("<x>"), "{svg}");
        assert!(svg.contains("&lt;script&gt;"));
    }
}
