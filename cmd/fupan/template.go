package main

import "github.com/urfave/cli/v2"

func templateCommand() *cli.Command { return &cli.Command{Name: "template", Usage: "(soon)"} }
