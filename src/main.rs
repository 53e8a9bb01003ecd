use clap::Parser;

// mimalloc: page rendering allocates and frees many small strings and JSON values on two
// threads at once; glibc's allocator spent about a fifth of a national build in malloc/free.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    gongkai::cli::run(gongkai::cli::Cli::parse())
}
