//! The serve latency benchmark: p50/p99 latency and throughput of `/api/events` with filters and of the dyad
//! page, over a synthetic database of N consolidated events (default 1,000,000), with C concurrent keep-alive
//! connections (default 50) on loopback, each scenario for S seconds (default 10).
//!
//! ```text
//! cargo run --release -p dyad-serve --example bench -- [--events N] [--connections C] [--seconds S] [--db FILE]
//! ```
//!
//! The database is written once through the store's own insert API (`Batch::upsert_event`) and reused while it
//! holds N events. Events join 60 countries (each as the country or its government), dated over 2000-2025, with
//! CAMEO codes drawn from the codebook and one sentence each.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use dyad_store::{EventRecord, Store};

const COUNTRIES: [&str; 60] = [
    "PRK", "CUB", "USA", "CHN", "RUS", "JPN", "KOR", "IND", "PAK", "IRN", "IRQ", "SYR", "ISR", "EGY", "TUR", "SAU",
    "FRA", "DEU", "GBR", "ITA", "ESP", "POL", "UKR", "BLR", "KAZ", "MNG", "VNM", "LAO", "THA", "PHL", "IDN", "MYS",
    "AUS", "NZL", "CAN", "MEX", "BRA", "ARG", "CHL", "PER", "COL", "VEN", "ZAF", "NGA", "KEN", "ETH", "SDN", "DZA",
    "MAR", "TUN", "LBY", "AFG", "BGD", "NPL", "LKA", "MMR", "SGP", "QAT", "ARE", "LBN",
];
const CODES: [&str; 12] = ["010", "020", "036", "040", "042", "043", "051", "057", "061", "111", "130", "190"];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn arg<T: std::str::FromStr>(args: &[String], name: &str, default: T) -> T {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn generate(db: &PathBuf, n: usize) -> Result<(), Box<dyn std::error::Error>> {
    let mut store = Store::open(db)?;
    if store.counts()?.events as usize >= n {
        eprintln!("reusing {} ({} events)", db.display(), n);
        return Ok(());
    }
    let started = Instant::now();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let party = |rng: &mut Rng| {
        let c = COUNTRIES[rng.below(COUNTRIES.len())];
        let gov = rng.below(2) == 0;
        let code = if gov { format!("{c}GOV") } else { c.to_string() };
        dyad_store::Party { id: code.clone(), name: code.clone(), code: Some(code), country: Some(c.to_string()) }
    };
    let mut done = store.counts()?.events as usize;
    while done < n {
        let chunk = (n - done).min(50_000);
        store.transaction(|b| -> dyad_store::Result<()> {
            for i in done..done + chunk {
                let code = CODES[rng.below(CODES.len())];
                let (source, target) = (party(&mut rng), party(&mut rng));
                let Some(mut e) = EventRecord::for_code(code, source, Some(target), "synthetic") else { continue };
                e.id = format!("{i:016x}");
                let (y, m, d) = (2000 + rng.below(26), 1 + rng.below(12), 1 + rng.below(28));
                let date: dyad_core::DateValue =
                    format!("{y}-{m:02}-{d:02}").parse().map_err(|_| dyad_store::StoreError::Invalid("date".into()))?;
                e.date = Some(dyad_store::EventDate::from_value(date, "synthetic"));
                let text = format!("Synthetic sentence {i} about {} and {}.", e.source.name, code);
                e.mentions = vec![dyad_store::Mention {
                    file: format!("synthetic/{}.txt", i / 8),
                    sentence: 0,
                    start: 0,
                    end: text.len(),
                    text,
                    doc: None,
                    evidence: None,
                }];
                e.num_mentions = 1;
                e.num_sources = 1;
                e.num_articles = 1;
                b.upsert_event(&e)?;
            }
            Ok(())
        })?;
        done += chunk;
        eprint!("\r{done} events, {:.0} s", started.elapsed().as_secs_f64());
    }
    eprintln!("\nwrote {n} events in {:.1} s", started.elapsed().as_secs_f64());
    Ok(())
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted.get(i).map_or(0.0, |d| d.as_secs_f64() * 1e3)
}

fn load(base: &str, path: &str, connections: usize, seconds: u64) -> (Vec<Duration>, usize) {
    let url = format!("{base}{path}");
    let stop = Arc::new(AtomicBool::new(false));
    let latencies = Arc::new(Mutex::new(Vec::new()));
    let errors = Arc::new(Mutex::new(0usize));
    let workers: Vec<_> = (0..connections)
        .map(|_| {
            let (url, stop, latencies, errors) = (url.clone(), stop.clone(), latencies.clone(), errors.clone());
            std::thread::spawn(move || {
                let agent: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).build().into();
                let mut mine = Vec::new();
                let mut bad = 0;
                while !stop.load(Ordering::Relaxed) {
                    let t = Instant::now();
                    let ok = agent
                        .get(&url)
                        .call()
                        .ok()
                        .filter(|r| r.status() == 200)
                        .and_then(|mut r| r.body_mut().read_to_vec().ok())
                        .is_some();
                    if ok {
                        mine.push(t.elapsed());
                    } else {
                        bad += 1;
                    }
                }
                latencies.lock().map(|mut l| l.extend(mine)).ok();
                errors.lock().map(|mut e| *e += bad).ok();
            })
        })
        .collect();
    std::thread::sleep(Duration::from_secs(seconds));
    stop.store(true, Ordering::Relaxed);
    for w in workers {
        let _ = w.join();
    }
    let mut l = latencies.lock().map(|l| l.clone()).unwrap_or_default();
    l.sort();
    let e = errors.lock().map(|e| *e).unwrap_or(0);
    (l, e)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let n: usize = arg(&args, "--events", 1_000_000);
    let connections: usize = arg(&args, "--connections", 50);
    let seconds: u64 = arg(&args, "--seconds", 10);
    let db: PathBuf = arg(&args, "--db", PathBuf::from("target/bench-serve.db"));
    generate(&db, n)?;
    let mut config = dyad_serve::Config::new(&db);
    config.readers = 8;
    let app = dyad_serve::app(config)?;
    let (send, receive) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("runtime");
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
            send.send(listener.local_addr().expect("addr")).expect("send");
            axum::serve(listener, app).await.expect("serve");
        });
    });
    let base = format!("http://{}", receive.recv()?);
    println!("{n} events, {connections} connections, {seconds} s per scenario, {} cores", num_cpus());
    println!("{:<70} {:>8} {:>8} {:>8} {:>7}", "request", "req/s", "p50 ms", "p99 ms", "errors");
    for path in [
        "/api/events?a=PRK&b=CUB&from=2010&to=2020&limit=50",
        "/api/events?actor=USA&root=04&quad_class=1&limit=50",
        "/api/events?a=CHN&b=RUS&limit=500",
        "/dyads/PRK/CUB",
    ] {
        let (l, errors) = load(&base, path, connections, seconds);
        println!(
            "{path:<70} {:>8.0} {:>8.1} {:>8.1} {:>7}",
            l.len() as f64 / seconds as f64,
            percentile(&l, 0.5),
            percentile(&l, 0.99),
            errors
        );
    }
    Ok(())
}

fn num_cpus() -> usize {
    std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
}
