//! Prints the mentions of a text file: `cargo run -p dyad-actors --example resolve_file -- FILE [YYYY-MM-DD]`.
fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: resolve_file FILE [DATE]");
        return;
    };
    let date = args.next().and_then(|d| d.parse().ok());
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("cannot read {path}");
        return;
    };
    for m in dyad_actors::resolve(&text, date) {
        println!("{:?}\t{}\t{}\t{:?}\t{:?}", m.text, m.code, m.actor, m.form, m.role);
    }
}
