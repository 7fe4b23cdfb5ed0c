# bash completion for planpress: commands, each command's options (read from
# `planpress COMMAND --help`, so they never fall behind the program), option
# values (template names from `planpress help templates`, pdf|odt, ...), and
# files: sources (*.xml) where a source goes, folders, outputs after -o.
# Installed as share/bash-completion/completions/planpress; to try it without
# installing: source scripts/planpress-completion.bash

_planpress_options()
{
    "$1" "$2" --help 2>/dev/null | grep -oE '(^|[ ,])--?[a-zA-Z][a-zA-Z-]*' | sed 's/^[ ,]//' | sort -u
}

_planpress_templates()
{
    "$1" help templates 2>/dev/null | sed -n 's/^  \([A-Za-z0-9_.-]*\)$/\1/p'
}

_planpress()
{
    local cur prev words cword
    if declare -F _init_completion >/dev/null; then
        _init_completion -n = || return
    else
        cur=${COMP_WORDS[COMP_CWORD]}; prev=${COMP_WORDS[COMP_CWORD-1]}; words=("${COMP_WORDS[@]}"); cword=$COMP_CWORD
    fi
    local pp=${words[0]}
    command -v "$pp" >/dev/null 2>&1 || pp=planpress
    local commands
    commands=$("$pp" --help 2>/dev/null | sed -n 's/^ *\(usage:\)\{0,1\} *planpress \([a-z][a-z]*\).*/\2/p' | sort -u)
    if [ "$cword" -eq 1 ]; then
        COMPREPLY=($(compgen -W "$commands --help --version" -- "$cur"))
        return
    fi
    local cmd=${words[1]}
    case "$cur" in
        --diagnostics=*) COMPREPLY=($(compgen -P "--diagnostics=" -W "text json" -- "${cur#*=}")); return ;;
        --dump=*) COMPREPLY=($(compgen -P "--dump=" -W "model blocks pages" -- "${cur#*=}")); return ;;
        --template=*) COMPREPLY=($(compgen -P "--template=" -W "$(_planpress_templates "$pp")" -- "${cur#*=}")); return ;;
        --format=*) COMPREPLY=($(compgen -P "--format=" -W "pdf odt" -- "${cur#*=}")); return ;;
    esac
    case "$prev" in
        --template)
            COMPREPLY=($(compgen -W "$(_planpress_templates "$pp")" -- "$cur") $(compgen -f -X '!*.xml' -- "$cur"))
            return ;;
        --format) COMPREPLY=($(compgen -W "pdf odt" -- "$cur")); return ;;
        --plan) COMPREPLY=($(compgen -f -X '!*.xml' -- "$cur") $(compgen -d -- "$cur")); return ;;
        -o)
            if [ "$cmd" = batch ]; then COMPREPLY=($(compgen -d -- "$cur"))
            else COMPREPLY=($(compgen -f -X '!*.@(pdf|odt)' -- "$cur") $(compgen -d -- "$cur")); fi
            return ;;
        -j|--jobs|--timeout) return ;;
    esac
    if [ "$cmd" = help ]; then
        [ "$cword" -eq 2 ] && COMPREPLY=($(compgen -W "$commands templates" -- "$cur"))
        return
    fi
    if [[ "$cur" == -* ]]; then
        COMPREPLY=($(compgen -W "$(_planpress_options "$pp" "$cmd")" -- "$cur"))
        return
    fi
    COMPREPLY=($(compgen -f -X '!*.xml' -- "$cur") $(compgen -d -- "$cur"))
    [ "$cmd" = batch ] && COMPREPLY+=($(compgen -f -X '!*.@(txt|list)' -- "$cur"))
}
shopt -s extglob 2>/dev/null
complete -o filenames -F _planpress planpress
