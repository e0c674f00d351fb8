/* Where a field lies in its record's text, for file:line:col messages. */
#include "fu.h"

/* Where byte OFF of field IDX's content lies in the file: the record's raw
 * text is walked as CSV (quotes, doubled quotes, line ends inside quotes). */
void fu_record_pos(const fu_record *rec, size_t idx, size_t off, long *line, long *col)
{
	const char *s = rec->raw;
	size_t n = rec->raw_len, i = 0;
	for (size_t f = 0; f < idx && i < n; f++) {
		if (s[i] == '"') {
			for (i++; i < n; i++) {
				if (s[i] == '"') {
					if (i + 1 < n && s[i + 1] == '"')
						i++;
					else {
						i++;
						break;
					}
				}
			}
		}
		while (i < n && s[i] != ',')
			i++;
		i++; /* the comma */
	}
	if (i < n && s[i] == '"') {
		i++;
		for (size_t k = 0; k < off && i < n; k++, i++)
			if (s[i] == '"' && i + 1 < n && s[i + 1] == '"')
				i++;
	} else {
		i += off;
	}
	if (i > n)
		i = n;
	long l = rec->line, c = 1;
	for (size_t k = 0; k < i; k++) {
		if (s[k] == '\n' || (s[k] == '\r' && !(k + 1 < i && s[k + 1] == '\n'))) {
			l++;
			c = 1;
		} else {
			c++;
		}
	}
	*line = l;
	*col = c;
}
