/* msgsink.h — where fu-render's messages go, chosen once: CSV rows, an
 * mboxrd mailbox, a Maildir, a directory of .eml files, or the --check
 * review (one CSV row per variable that came out empty). */
#ifndef FU_MSGSINK_H
#define FU_MSGSINK_H

#include "fu.h"
#include "lib/message.h"

typedef enum { SINK_CSV, SINK_MBOX, SINK_MAILDIR, SINK_EML, SINK_CHECK } msg_sink_kind;

typedef struct msg_sink msg_sink;
struct msg_sink {
	msg_sink_kind kind;
	int mails;   /* writes mail: needs a From address, sends only e-mail tasks */
	int (*put)(msg_sink *s, const message *m);
	long nempty; /* SINK_CHECK: messages with an empty variable */
	FILE *out;
	fu_csv_writer csv;
	const char *dir;
	char date_line[64], mbox_date[40];
	fu_buf mail, frame, path, path2;
	char **seen; /* SINK_MAILDIR: names in cur/ (with their flags), sorted */
	size_t nseen;
};

/* Open a sink of KIND writing to OUT (CSV, mbox, check) or into DIR
 * (maildir, eml: created as needed); NOW is the messages' Date.  CSV and
 * check write their header row.  Returns 0, or -1 reported. */
int msg_sink_open(msg_sink *s, msg_sink_kind kind, FILE *out, const char *dir, int64_t now,
                  int excel_safe);
/* Hand M to the sink: 0, or -1 reported (a file could not be written). */
static inline int msg_sink_put(msg_sink *s, const message *m) { return s->put(s, m); }
void msg_sink_close(msg_sink *s);

#endif
