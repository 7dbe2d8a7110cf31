"""Report analysis: read a real report, outline it, classify topics, learn the skeleton, compare a draft."""
