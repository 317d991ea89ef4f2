# bash completion for parley(1); installed as
# share/bash-completion/completions/parley.
#
# Commands and options are read from `parley --help` and `parley COMMAND
# --help` at completion time, so they always match the installed command:
#   parley <TAB>                  the commands
#   parley score --<TAB>          the options of `parley score`
#   parley score --format <TAB>   text json csv (any option shown as OPT a|b|c)
#   parley plot <TAB>             the KINDs its --help lists
#   -o, --store, --genius ...     file names (options whose value says FILE, DIR, .xml, ...)
#   --plan ID, --seed N ...       nothing (a value to type)

_parley_help()
{
    "$1" "${@:2}" --help 2>/dev/null
}

_parley()
{
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
    local prog=${COMP_WORDS[0]} help words
    COMPREPLY=()

    if ((COMP_CWORD == 1)); then
        if [[ $cur == -* ]]; then
            words="--help --version"
        else
            words=$(_parley_help "$prog" | awk '/^commands:/ { on = 1; next }
                on && /^  [a-z]/ { print $1 } on && /^$/ { exit }')
        fi
        mapfile -t COMPREPLY < <(compgen -W "$words" -- "$cur")
        return
    fi

    help=$(_parley_help "$prog" "${COMP_WORDS[1]}") || return

    # The value of the option before the cursor.
    if [[ $prev == -* ]]; then
        local choices arg
        choices=$(grep -oE -- "(^|[^a-z-])$prev [a-z0-9]+(\|[a-z0-9]+)+" <<<"$help" | head -n 1)
        if [[ -n $choices ]]; then
            words=${choices##* }
            mapfile -t COMPREPLY < <(compgen -W "${words//|/ }" -- "$cur")
            return
        fi
        arg=$(grep -oE -- "(^|[^a-z-])$prev [A-Z][A-Za-z0-9_.]*" <<<"$help" | head -n 1)
        arg=${arg##* }
        case $arg in
        "") ;; # a flag: complete the next word as usual
        *FILE* | *DIR* | *.xml | *.yaml | *.csv | *.gmcr | *.json | *.html)
            compopt -o filenames 2>/dev/null
            mapfile -t COMPREPLY < <(compgen -f -- "$cur")
            return
            ;;
        *) return ;; # a value to type (N, ID, PARTY, ...)
        esac
    fi

    # A command whose first argument is one of the KINDs its --help lists
    # (`parley plot KIND FILE`).
    if ((COMP_CWORD == 2)) && [[ $cur != -* ]] && grep -q '^KIND:' <<<"$help"; then
        words=$(awk '/^KIND:/ { on = 1; next } on && /^  [a-z]/ { print $1 }
            on && /^[^ ]/ { exit }' <<<"$help")
        mapfile -t COMPREPLY < <(compgen -W "$words" -- "$cur")
        return
    fi

    if [[ $cur == -* ]]; then
        words=$(grep -oE -- '(^|[^[:alnum:]-])--?[a-zA-Z][a-zA-Z0-9-]*' <<<"$help" |
            sed 's/^[^-]*//' | sort -u)
        mapfile -t COMPREPLY < <(compgen -W "$words --help" -- "$cur")
        return
    fi
    compopt -o filenames 2>/dev/null
    mapfile -t COMPREPLY < <(compgen -f -- "$cur")
}

complete -F _parley parley
