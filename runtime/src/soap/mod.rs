//! soap (being written)
