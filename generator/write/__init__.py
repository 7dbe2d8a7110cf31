"""Writing: the Word document (GB/T 9704), safe files, the figure trace."""
