//! The `baocao` command: parse arguments, run, turn the outcome into an exit code.
//! The command line lives here, in the binary: the library (`baocao`) has no
//! clap types and prints nothing.

mod cli;

/// mimalloc: a report allocates some hundred thousand small blocks, and
/// glibc's malloc and free took a fifth of the CPU of a batch. Its memory is
/// committed as it is used (`.cargo/config.toml`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::main()
}
