"""HTTP only: parse, call one service or selector, render."""
