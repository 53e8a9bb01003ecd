use clap::Parser;

fn main() -> std::process::ExitCode {
    gongkai::cli::run(gongkai::cli::Cli::parse())
}
