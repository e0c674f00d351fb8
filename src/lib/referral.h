/* referral.h — who referred whom, and what that earns (fu-referrals).
 *
 * Three parts, none of which reads a file or prints:
 *  - the perk rule (--perk): "10 per converted", or milestones "1:10,3:25,5:50";
 *  - the referral graph: claims (referrer -> referred, with their source
 *    file:line and time) checked for integrity problems, one credited
 *    referrer chosen per contact, cycles found in linear time;
 *  - the ledger: per referrer, referrals and conversions per level with
 *    decaying credit, revenue, perks owed; and the graph as Graphviz DOT.
 * Contacts are nodes 0..n-1, numbered by the caller. */
#ifndef FU_REFERRAL_H
#define FU_REFERRAL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* ---- the perk rule ------------------------------------------------------
 * Grammar (words in any case, spaces between tokens optional where no word
 * follows a word):
 *   rule   := AMOUNT "per" basis                  a fixed amount per unit
 *           | tier ("," tier)* [basis]            milestones, each paid once
 *   tier   := COUNT ":" AMOUNT                    COUNT a whole number >= 1,
 *                                                 strictly increasing
 *   basis  := "converted" | "referred"            default: converted
 *   AMOUNT := digits ["." digits]
 * "1:10,3:25,5:50": 10 owed at the first converted referral, 25 more at the
 * third, 50 more at the fifth (85 in all from five on). */
enum fu_perk_basis { FU_PERK_CONVERTED, FU_PERK_REFERRED };

typedef struct {
	int tiered;
	enum fu_perk_basis basis;
	double per;       /* amount per unit, when not tiered */
	size_t ntiers;
	double at[16];    /* milestone counts, increasing */
	double amount[16];
} fu_perk;

/* Parse RULE.  Returns 0, or -1 with *why and *col (1-based column). */
int fu_perk_parse(const char *rule, fu_perk *p, const char **why, long *col);
/* Owed for a (possibly fractional, with decaying credit) count. */
double fu_perk_owed(const fu_perk *p, double converted, double referred);

/* ---- the referral graph -------------------------------------------------- */
#define FU_REF_NONE UINT32_MAX        /* no node / no claim */
#define FU_REF_NEVER INT64_MAX        /* no purchase */

/* What became of a claim.  Every claim ends in exactly one of these. */
enum fu_ref_status {
	FU_REF_CREDITED,      /* the contact's referrer */
	FU_REF_REPEAT,        /* the credited referrer named again: merged */
	FU_REF_SELF,          /* referrer and referred are one contact */
	FU_REF_UNKNOWN,       /* the referrer is not among the contacts */
	FU_REF_NOBODY,        /* the referred contact is empty or unknown */
	FU_REF_AFTER_PURCHASE, /* dated after the referred contact's first purchase
	                        * (more than grace after it) */
	FU_REF_SECOND,        /* a second referrer for a contact already credited */
	FU_REF_CYCLE,         /* part of a ring of referrals */
	FU_REF_NSTATUS
};
/* short names for summaries and DOT labels: "credited", "self", ... */
const char *fu_ref_status_name(enum fu_ref_status s);

enum fu_attribution { FU_ATTR_EARLIEST, FU_ATTR_LAST };

typedef struct {
	uint32_t referrer, referred; /* nodes, or FU_REF_NONE when the key names nobody */
	uint32_t referrer_key, referred_key; /* the keys as written (offsets in text) */
	uint32_t file;   /* index into files */
	long line;
	int64_t t;       /* UTC seconds, when dated */
	uint8_t dated;
	uint8_t status;  /* enum fu_ref_status, set by fu_refgraph_resolve */
	uint8_t same_mailbox; /* two contacts, one mailbox (fu_referral_same_mailbox):
	                       * a self-referral */
	uint32_t other;  /* SECOND, REPEAT: the credited claim; CYCLE: the ring's length */
} fu_ref_claim;

typedef struct {
	size_t n;               /* contacts */
	char *text;             /* node ids, then claim keys, NUL-separated */
	size_t tlen, tcap;
	uint32_t *id;           /* n: offset of each node's id in text */
	int64_t *first_purchase; /* n: FU_REF_NEVER when none; set by the caller */
	fu_ref_claim *claims;
	size_t nclaims, ccap;
	const char **files;     /* names of the sources, as given to fu_refgraph_file */
	size_t nfiles;
	uint32_t *chosen;       /* n: the claim attribution chose for each node, or
	                         * FU_REF_NONE; credited unless it is in a ring */
	long count[FU_REF_NSTATUS];
	int64_t grace;          /* a claim up to this long after the first purchase
	                         * brought it (fu_referral_brought); init:
	                         * FU_REFERRAL_GRACE */
} fu_refgraph;

void fu_refgraph_init(fu_refgraph *g);
/* add a node (in order: the first is node 0); ID is copied; returns its number */
uint32_t fu_refgraph_node(fu_refgraph *g, const char *id);
/* register a source name (kept by pointer); returns its index */
uint32_t fu_refgraph_file(fu_refgraph *g, const char *name);
/* Add a claim.  REFERRER/REFERRED are nodes or FU_REF_NONE; the keys are
 * the text that named them (copied) for messages and the graph.  Returns
 * its index in claims. */
size_t fu_refgraph_claim(fu_refgraph *g, uint32_t referrer, const char *referrer_key, uint32_t referred,
                         const char *referred_key, uint32_t file, long line, int dated, int64_t t);
/* Are e-mails A and B (as fu_event_key writes them) one mailbox: the same
 * address, or one a sub-address of the other or both of one address
 * (RFC 5233: ann+friend@x.fi is delivered to ann@x.fi)?  A referral
 * between them is a self-referral, whatever the contacts' ids. */
int fu_referral_same_mailbox(const char *a, const char *b);
/* Check every claim and choose one referrer per contact, in this order:
 *  1. a claim naming nobody as referred, an unknown referrer, a
 *     self-referral (one contact, or a claim marked same_mailbox), or one dated more than grace after the referred
 *     contact's first purchase is set aside (no credit);
 *  2. of the claims left for a contact, attribution chooses one: the
 *     earliest dated claim (FU_ATTR_EARLIEST) or the latest (FU_ATTR_LAST);
 *     undated claims win only when none is dated (then the first, or the
 *     last, in input order); equal times go by input order.  Another claim
 *     by the same referrer is a repeat, merged; one by another referrer is
 *     a second referrer, not credited;
 *  3. rings of credited referrals (A->B->A, A->B->C->A, ...) are found by
 *     walking referrer links with a colour per walk (linear, no recursion)
 *     and every referral in a ring loses its credit.
 * Fills status, chosen and count. */
void fu_refgraph_resolve(fu_refgraph *g, enum fu_attribution rule);
/* the credited referrer of node V, or FU_REF_NONE */
uint32_t fu_refgraph_parent(const fu_refgraph *g, uint32_t v);
/* Why claim I gets no credit, as one line for stderr (empty when it is
 * credited or a repeat): "referral a -> b: self-referral: no credit".
 * Dates are written in the zone TZ_OF gives for a node (the contact's, as
 * the data has them; NULL, or a NULL zone: $TZ). */
void fu_refgraph_explain(const fu_refgraph *g, size_t i, const char *(*tz_of)(const void *ctx, uint32_t node),
                         const void *ctx, char *buf, size_t size);
/* the root of each node's credited tree (itself when it has no referrer);
 * an array of n, owned by the caller */
uint32_t *fu_refgraph_roots(const fu_refgraph *g);
void fu_refgraph_free(fu_refgraph *g);

/* ---- the ledger ----------------------------------------------------------
 * Level 1 is a referrer's own credited referrals; level k those of the
 * contacts at level k-1.  A conversion at level k earns decay^(k-1) of a
 * direct one: credit = sum over k of decay^(k-1) * converted_k (and the same
 * for referred), and the perk rule is applied to that credit. */
typedef struct {
	int depth;           /* levels, 1.. */
	double decay;        /* 0..1 */
	uint32_t *referred;  /* n * depth: referred[v * depth + k-1] */
	uint32_t *converted; /* n * depth */
	double *revenue;     /* n: purchases of direct referrals in the window */
	int64_t *last;       /* n: latest dated claim naming v as referrer, or INT64_MIN */
	uint8_t *is_referrer; /* n: named as referrer by at least one claim */
} fu_refledger;

/* Compute the ledger of a resolved graph.  A referred contact converted
 * when it has a purchase.  REVENUE (n, may be NULL) holds each contact's
 * purchases in the window; they are all the referral's doing, as a dated
 * claim after the first purchase (beyond the grace) was set aside (an
 * undated claim is taken at its word). */
void fu_refledger_compute(fu_refledger *l, const fu_refgraph *g, int depth, double decay,
                          const double *revenue);
double fu_refledger_credit(const fu_refledger *l, uint32_t v, enum fu_perk_basis basis);
void fu_refledger_free(fu_refledger *l);

/* ---- the graph as Graphviz DOT --------------------------------------------
 * Nodes are the contacts that take part in a claim; a cluster per root
 * referrer holds its credited tree; converted contacts are filled green;
 * claims without credit are dashed edges in a warning colour, labelled with
 * why; keys that name nobody become warning-coloured placeholder nodes.
 * LABEL gives a node's label (NULL: its id).  Returns 0, or -1 on a write
 * error. */
typedef const char *(*fu_ref_label_fn)(void *ctx, uint32_t v);
int fu_refgraph_dot(const fu_refgraph *g, FILE *fp, fu_ref_label_fn label, void *ctx);

#endif
