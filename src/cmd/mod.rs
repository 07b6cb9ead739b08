//! One module per subcommand, each with its arguments and an `execute` function.

pub mod init;
