/* qptool: standard input quoted-printable encoded by mime_qp_encode, for
 * tests/scripts/render-qp.sh. */
#include "fu.h"
#include "lib/mime.h"

int main(void)
{
	fu_buf in = {0}, out = {0};
	char chunk[8192];
	size_t got;
	fu_buf_add(&in, "", 0);
	while ((got = fread(chunk, 1, sizeof chunk, stdin)) > 0)
		fu_buf_add(&in, chunk, got);
	fu_buf_add(&out, "", 0);
	mime_qp_encode(&out, in.data, in.len);
	fwrite(out.data, 1, out.len, stdout);
	fu_buf_free(&in);
	fu_buf_free(&out);
	return ferror(stdout) ? 2 : 0;
}
