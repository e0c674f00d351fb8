/* msgsink.h — where fu-render's messages go, chosen once: CSV rows, an
 * mboxrd mailbox, a Maildir, a directory of .eml files, or the --check
 * review (one CSV row per variable that came out empty). */
#ifndef FU_MSGSINK_H
#define FU_MSGSINK_H

#include "fu.h"
#include "lib/message.h"

typedef enum { FU_SINK_CSV, FU_SINK_MBOX, FU_SINK_MAILDIR, FU_SINK_EML, FU_SINK_CHECK } fu_msg_sink_kind;

typedef struct fu_msg_sink fu_msg_sink;
struct fu_msg_sink {
	fu_msg_sink_kind kind;
	int mails;   /* writes mail: needs a From address, sends only e-mail tasks */
	int (*put)(fu_msg_sink *s, const fu_message *m);
	long nempty; /* FU_SINK_CHECK: messages with an empty variable */
	FILE *out;
	fu_csv_writer csv;
	const char *dir;
	char date_line[64], mbox_date[40];
	fu_buf mail, frame, path, path2;
	char **seen; /* FU_SINK_MAILDIR: names in cur/ (with their flags), sorted */
	size_t nseen;
};

/* Open a sink of KIND writing to OUT (CSV, mbox, check) or into DIR
 * (maildir, eml: created as needed); NOW is the messages' Date.  CSV and
 * check write their header row.  Returns 0, or -1 reported. */
int fu_msg_sink_open(fu_msg_sink *s, fu_msg_sink_kind kind, FILE *out, const char *dir, int64_t now,
                  int excel_safe);
/* Hand M to the sink: 0, or -1 when it cannot be written (reported, or for
 * standard output left to fu_close_stdout). */
static inline int fu_msg_sink_put(fu_msg_sink *s, const fu_message *m) { return s->put(s, m); }
/* writes out what the sink holds (mbox), frees it */
void fu_msg_sink_close(fu_msg_sink *s);

#endif
