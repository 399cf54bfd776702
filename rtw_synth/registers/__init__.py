"""One module per register: each writes ctx.tables[<register>] from the drawn state."""
