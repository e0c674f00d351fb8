/* Where fu-render's messages go: see msgsink.h. */
#include "lib/msgsink.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int put_csv(fu_msg_sink *s, const fu_message *m)
{
	fu_csv_writer *w = &s->csv;
	fu_csv_fields(w, m->task_id);
	fu_csv_fields(w, m->contact_id);
	fu_csv_field(w, m->to_text.data, m->to_text.len);
	fu_csv_field(w, m->subject.data, m->subject.len);
	fu_csv_field(w, m->body.data, m->body.len);
	fu_csv_field(w, m->html.data, m->html.len);
	fu_csv_field(w, m->from_text.data, m->from_text.len);
	fu_buf_clear(&s->frame);
	fu_buf_add(&s->frame, m->headers_text.data, m->headers_text.len);
	if (m->has_url[FU_MSG_UNSUBSCRIBE_URL])
		fu_buf_printf(&s->frame, "List-Unsubscribe: <%s>\n", m->url[FU_MSG_UNSUBSCRIBE_URL].data);
	fu_csv_field(w, s->frame.data ? s->frame.data : "", s->frame.len);
	fu_csv_fields(w, m->tpl->key);
	fu_csv_field(w, m->message_id.data, m->message_id.len);
	fu_csv_endrow(w);
	return 0;
}

static int put_check(fu_msg_sink *s, const fu_message *m)
{
	if (m->nempties)
		s->nempty++;
	for (size_t i = 0; i < m->nempties; i++) {
		const fu_msg_empty *e = &m->empties[i];
		char ln[24];
		snprintf(ln, sizeof ln, "%ld", m->line);
		fu_buf_clear(&s->frame);
		fu_buf_printf(&s->frame, "%s:%ld:%ld", e->file, e->line, e->col);
		fu_csv_fields(&s->csv, ln);
		fu_csv_fields(&s->csv, m->task_id);
		fu_csv_fields(&s->csv, m->tpl->key);
		fu_csv_field(&s->csv, e->name, e->len);
		fu_csv_field(&s->csv, s->frame.data, s->frame.len);
		fu_csv_endrow(&s->csv);
	}
	return 0;
}

/* mboxrd, written straight after the From_ line into a buffer of many
 * messages (written out in large pieces).  A message of fu_msg_write_mail
 * has no line that mboxrd must quote: header lines begin with a name and a
 * colon or a blank, and a body with a line ^>*From is quoted-printable,
 * which writes "=46rom" (mime_needs_qp); so nothing is scanned or copied. */
static int put_mbox(fu_msg_sink *s, const fu_message *m)
{
	fu_buf *f = &s->frame;
	fu_buf_adds(f, "From ");
	fu_buf_add(f, m->from[0].addr.data, m->from[0].addr.len);
	fu_buf_addc(f, ' ');
	fu_buf_adds(f, s->mbox_date);
	fu_buf_addc(f, '\n');
	fu_msg_write_mail(m, s->date_line, f);
	if (f->data[f->len - 1] != '\n')
		fu_buf_addc(f, '\n');
	fu_buf_addc(f, '\n');
	if (f->len >= 1 << 16) {
		/* a failed write stops the run now (fu_close_stdout says why) */
		if (fwrite(f->data, 1, f->len, s->out) != f->len)
			return -1;
		fu_buf_clear(f);
	}
	return 0;
}

static int write_file(const char *path, const fu_buf *data)
{
	fu_outfile o;
	if (fu_outfile_open(&o, path) < 0)
		return -1;
	fwrite(data->data, 1, data->len, o.fp);
	return fu_commit_file(&o);
}

static int put_eml(fu_msg_sink *s, const fu_message *m)
{
	fu_buf_clear(&s->mail);
	fu_msg_write_mail(m, s->date_line, &s->mail);
	fu_buf_clear(&s->path);
	fu_buf_printf(&s->path, "%s/%s.eml", s->dir, m->id);
	return write_file(s->path.data, &s->mail);
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* the name in cur/ of a message already delivered and read: NAME:2,FLAGS */
static const char *seen_as(const fu_msg_sink *s, const char *name)
{
	size_t lo = 0, hi = s->nseen, nl = strlen(name);
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strncmp(s->seen[mid], name, nl);
		if (c == 0 && s->seen[mid][nl] == ':')
			return s->seen[mid];
		if (c < 0 || (c == 0 && (unsigned char)s->seen[mid][nl] < ':'))
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* Maildir: the file is named after the Message-ID, written in tmp/ and
 * renamed into new/; a message of that name already in cur/ (read, with
 * flags) is replaced there, so a second run never makes a second copy. */
static int put_maildir(fu_msg_sink *s, const fu_message *m)
{
	char name[40];
	snprintf(name, sizeof name, "%s.fu-render", m->id);
	fu_buf_clear(&s->mail);
	fu_msg_write_mail(m, s->date_line, &s->mail);
	fu_buf_clear(&s->path);
	fu_buf_printf(&s->path, "%s/tmp/%s", s->dir, name);
	if (write_file(s->path.data, &s->mail) < 0)
		return -1;
	const char *old = seen_as(s, name);
	fu_buf_clear(&s->path2);
	if (old)
		fu_buf_printf(&s->path2, "%s/cur/%s", s->dir, old);
	else
		fu_buf_printf(&s->path2, "%s/new/%s", s->dir, name);
	if (rename(s->path.data, s->path2.data) != 0) {
		fu_warn("%s: %s", s->path2.data, strerror(errno));
		return -1;
	}
	return 0;
}

static int make_dir(const char *d)
{
	if (mkdir(d, 0777) != 0 && errno != EEXIST) {
		fu_warn("%s: %s", d, strerror(errno));
		return -1;
	}
	return 0;
}

static int open_maildir(fu_msg_sink *s)
{
	if (make_dir(s->dir) < 0)
		return -1;
	const char *subs[] = {"tmp", "new", "cur"};
	for (int i = 0; i < 3; i++) {
		fu_buf_clear(&s->path);
		fu_buf_printf(&s->path, "%s/%s", s->dir, subs[i]);
		if (make_dir(s->path.data) < 0)
			return -1;
	}
	DIR *d = opendir(s->path.data); /* cur/ */
	if (!d) {
		fu_warn("%s: %s", s->path.data, strerror(errno));
		return -1;
	}
	size_t cap = 0;
	struct dirent *de;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.' || !strchr(de->d_name, ':'))
			continue;
		if (s->nseen == cap) {
			cap = cap ? 2 * cap : 64;
			s->seen = fu_xrealloc(s->seen, cap * sizeof *s->seen);
		}
		s->seen[s->nseen++] = fu_xstrdup(de->d_name);
	}
	closedir(d);
	if (s->nseen > 1)
		qsort(s->seen, s->nseen, sizeof *s->seen, cmp_name);
	return 0;
}

int fu_msg_sink_open(fu_msg_sink *s, fu_msg_sink_kind kind, FILE *out, const char *dir, int64_t now,
                  int excel_safe)
{
	memset(s, 0, sizeof *s);
	s->kind = kind;
	s->out = out;
	s->dir = dir;
	s->mails = kind == FU_SINK_MBOX || kind == FU_SINK_MAILDIR || kind == FU_SINK_EML;
	fu_buf d = {0};
	mime_put_date(&d, now);
	snprintf(s->date_line, sizeof s->date_line, "%s", d.data);
	fu_buf_free(&d);
	mime_mbox_date(now, s->mbox_date, sizeof s->mbox_date);
	fu_csv_writer_init(&s->csv, out, excel_safe);
	switch (kind) {
	case FU_SINK_CSV: {
		char *h[] = {"task_id", "contact_id", "to", "subject", "body", "html",
		             "from", "headers", "template", "message_id"};
		fu_csv_row(&s->csv, h, 10);
		s->put = put_csv;
		return 0;
	}
	case FU_SINK_CHECK: {
		char *h[] = {"line", "task_id", "template", "variable", "where"};
		fu_csv_row(&s->csv, h, 5);
		s->put = put_check;
		return 0;
	}
	case FU_SINK_MBOX:
		s->put = put_mbox;
		return 0;
	case FU_SINK_EML:
		s->put = put_eml;
		return make_dir(dir);
	case FU_SINK_MAILDIR:
		s->put = put_maildir;
		return open_maildir(s);
	}
	return -1;
}

void fu_msg_sink_close(fu_msg_sink *s)
{
	if (s->kind == FU_SINK_MBOX && s->frame.len)
		fwrite(s->frame.data, 1, s->frame.len, s->out);
	for (size_t i = 0; i < s->nseen; i++)
		free(s->seen[i]);
	free(s->seen);
	fu_buf_free(&s->mail);
	fu_buf_free(&s->frame);
	fu_buf_free(&s->path);
	fu_buf_free(&s->path2);
}
