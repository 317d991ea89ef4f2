/*
 * examples/api/on_board.c — libparley from C, with nothing but the public
 * header: load a scenario, score every plan version for every party, and
 * ask what it would take to bring the least satisfied party to its
 * walk-away on the last version.
 *
 *   build/examples/api/on_board examples/ukraine-2025.yaml
 *
 * Built and run by the test suite (example_api_on_board), so it stays true
 * to the API.
 */
#include <parley.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

static int fail(const parley_error *err)
{
    char buf[1024];
    fprintf(stderr, "on_board: %s\n", parley_error_format(err, buf, sizeof buf));
    return err->code == PARLEY_ERR_LIMIT ? 3 : 2;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: on_board SCENARIO.yaml\n");
        return 2;
    }
    parley_error err;
    parley_scenario *sc = parley_scenario_load(argv[1], &err); /* we own it */
    if (!sc)
        return fail(&err);
    const parley_scenario *s = sc; /* the model is read-only data */

    /* how far on board is each party with each version? */
    size_t worst_party = 0;
    double worst = 2.0;
    for (size_t p = 0; p < s->n_plans; p++) {
        parley_score score;
        if (parley_plan_score(s, p, &score, &err) != PARLEY_OK) {
            parley_scenario_free(sc);
            return fail(&err);
        }
        printf("%s:", s->plans[p].id);
        for (size_t j = 0; j < s->n_parties; j++) {
            printf("  %s %.0f%%", s->parties[j].id, 100.0 * score.party[j].on_board);
            if (p + 1 == s->n_plans && score.party[j].on_board < worst) {
                worst = score.party[j].on_board;
                worst_party = j;
            }
        }
        printf("\n");
        parley_score_free(&score);
    }

    /* the fewest points of the last version to change so that the least
     * satisfied party reaches its walk-away, keeping everyone else above */
    bool *keep = calloc(s->n_parties, sizeof *keep);
    if (!keep) {
        parley_scenario_free(sc);
        return 3;
    }
    for (size_t j = 0; j < s->n_parties; j++)
        keep[j] = j != worst_party;
    parley_concede_request req = {.plan = s->n_plans - 1,
                                  .target = worst_party,
                                  .keep = keep,
                                  .objective = PARLEY_CONCEDE_POINTS};
    parley_concede_result res;
    int rc = 0;
    if (parley_concede_run(s, &req, &res, &err) != PARLEY_OK) {
        rc = fail(&err);
    } else {
        printf("to bring %s to its walk-away on %s: %s, %zu point(s) changed\n",
               s->parties[worst_party].id, s->plans[s->n_plans - 1].id,
               res.feasible ? "possible" : "impossible", res.n_changed_points);
        for (size_t i = 0; i < s->n_issues; i++) {
            const long before = s->plans[s->n_plans - 1].sets[i]; /* -1: left open */
            const parley_issue *is = &s->issues[i];
            if (before != (long)res.outcome[i])
                printf("  %-16s %-24s -> %s\n", is->id,
                       before < 0 ? "(open)" : is->options[before].id,
                       is->options[res.outcome[i]].id);
        }
        for (size_t j = 0; j < s->n_parties; j++)
            printf("  %s %.3f -> %.3f (walk-away %.3f)\n", s->parties[j].id, res.before[j],
                   res.after[j], s->parties[j].walk_away);
        parley_concede_result_free(&res);
    }
    free(keep);
    parley_scenario_free(sc);
    return rc;
}
