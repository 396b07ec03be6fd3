# tests/ttywidths.awk - the terminal widths that exercise every layout path
# of ss-behaviour §2.3 for one listing, read from iproute2's non-tty output
# of it (inet rows: [Netid] [State] Recv-Q Send-Q ADDR:PORT ADDR:PORT).
#
#   awk -v maxw=240 -f tests/ttywidths.awk ref.out   -> widths, one a line
#
# Pass 1 widths come from the longest token of each column.  For every width
# W in 1..maxw the pass-2 layout is reduced to a signature: which columns are
# capped at W, and per screen line its columns, how it ended (exactly full,
# next column pushed over, last column) and whether the spare space divides
# evenly among its columns.  Every W whose signature differs from W-1's is a
# boundary; both sides of each boundary are printed, with 1 and maxw.

BEGIN {
	split("5 5 6 6 14 4 13 4 7", hl, " ")	# header texts, columns 0..8
	split("0 1 1 1 1 0 1 0 0", dl, " ")	# left delimiters
	for (c = 0; c < 9; c++) {
		hlen[c] = hl[c + 1]
		delim[c] = dl[c + 1]
		en[c] = c >= 2
		mx[c] = 0
	}
	header = 0
	decided = 0
}

function tok(c, n) {
	if (n > mx[c])
		mx[c] = n
}

NR == 1 && /^(Netid|State|Recv-Q) / {
	header = 1
	decided = 1
	en[0] = $1 == "Netid"
	en[1] = index($0, "State ") > 0
	for (c = 0; c < 9; c++)
		if (en[c])
			mx[c] = hlen[c]
	next
}

NF >= 4 {
	lead = NF - 4
	if (!decided) {
		en[0] = lead == 2 || (lead == 1 && $1 !~ /^[A-Z]/)
		en[1] = lead == 2 || (lead == 1 && $1 ~ /^[A-Z]/)
		decided = 1
	}
	c = en[0] ? 0 : 1
	for (i = 1; i <= lead; i++) {
		tok(c, length($i))
		c++
	}
	tok(2, length($(NF - 3)) < 6 ? 6 : length($(NF - 3)))
	tok(3, length($(NF - 2)) < 6 ? 6 : length($(NF - 2)))
	for (k = 0; k < 2; k++) {
		a = $(NF - 1 + k)
		p = match(a, /:[^:]*$/)
		tok(4 + 2 * k, p)
		tok(5 + 2 * k, length(a) - p)
	}
}

# signature of the pass-2 layout at screen width sw
function layout(sw,    c, k, w, sig, line_len, line_cols, first, last, pad) {
	sig = ""
	uneven = 0
	for (c = 0; c < 9; c++) {
		w[c] = w1[c] > sw ? sw : w1[c]
		if (w1[c] > sw)
			sig = sig "c" c
	}
	line_len = line_cols = 0
	first = -1
	for (c = 0; c < 9; c++) {
		if (!w[c])
			continue
		if (first < 0)
			first = c
		line_cols++
		line_len += w[c]
		last = 1
		for (k = c + 1; k < 9; k++)
			if (w[k])
				last = 0
		if (!last && line_len < sw)
			continue
		if (line_len == sw) {
			sig = sig " " first "-" c "="
			line_len = line_cols = 0
			first = -1
			continue
		}
		if (line_len > sw) {
			line_len -= w[c]
			line_cols--
			c--
			sig = sig " " first "-" c ">"
		} else {
			sig = sig " " first "-" c "$"
		}
		if (line_cols) {
			pad = sw - line_len
			if (pad % line_cols)
				uneven = 1
			sig = sig (pad >= line_cols ? "+" : "")
		}
		line_len = line_cols = 0
		first = -1
	}
	return sig
}

END {
	first = 1
	for (c = 0; c < 9; c++) {
		w1[c] = 0
		if (!en[c])
			continue
		w1[c] = mx[c] + (!first && mx[c] ? delim[c] : 0)
		if (w1[c])
			first = 0
	}
	if (!maxw)
		maxw = 240
	prev = ""
	for (sw = 1; sw <= maxw; sw++) {
		s = layout(sw)
		if (sw == 1 || sw == maxw || s != prev) {
			if (sw > 1)
				out[sw - 1] = 1
			out[sw] = 1
			seen[0] = seen[1] = 0
		}
		# within a run of one layout, one width whose spare space divides
		# evenly and one where it does not
		if (!seen[uneven]++)
			out[sw] = 1
		prev = s
	}
	for (sw = 1; sw <= maxw; sw++)
		if (sw in out)
			print sw
}
