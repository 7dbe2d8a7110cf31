"""`generator 汇总`: a city's county file made from its counties' files.

read (each county file validated as `validate` does, kept only as the few figures and texts a roll-up
needs), totals (exact sums of 存量 and 流量 figures, ranges of 水平 ones), checks (located findings),
write (the city file with its comments, and the trace) and table (the comparison workbook).
"""
