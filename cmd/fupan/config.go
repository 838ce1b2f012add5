package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/fupan-review/fupan/mail"
	"github.com/urfave/cli/v2"
	"gopkg.in/yaml.v3"
)

// fileConfig is fupan.yaml: the mail settings and the limits for workbooks.
type fileConfig struct {
	Mail      *mail.Config    `yaml:"mail"`
	Workbooks workbooksConfig `yaml:"workbooks"`
}

// workbooksConfig sets what --password-env, --max-file-size and
// --max-unzip-size set, for runs that take their settings from the file.
type workbooksConfig struct {
	PasswordEnv  string `yaml:"password_env"`
	MaxFileSize  int64  `yaml:"max_file_size"`
	MaxUnzipSize int64  `yaml:"max_unzip_size"`
}

// configPath finds the config file: --config, else fupan.yaml beside the
// input folder, else in the working directory. "" when there is none.
func configPath(c *cli.Context, input string) string {
	if p := c.String("config"); p != "" {
		return p
	}
	var tries []string
	if input != "" {
		tries = append(tries, filepath.Join(input, "fupan.yaml"), filepath.Join(filepath.Dir(filepath.Clean(input)), "fupan.yaml"))
	}
	for _, p := range append(tries, "fupan.yaml") {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return ""
}

// loadConfig reads fupan.yaml; a missing file given by --config is bad usage.
func loadConfig(c *cli.Context, input string) (fileConfig, string, error) {
	path := configPath(c, input)
	if path == "" {
		return fileConfig{}, "", nil
	}
	f, err := os.Open(path)
	if err != nil {
		return fileConfig{}, path, cli.Exit(fmt.Sprintf("config: %v", err), exitBadUsage)
	}
	defer func() { _ = f.Close() }()
	var fc fileConfig
	dec := yaml.NewDecoder(f)
	dec.KnownFields(true)
	if err := dec.Decode(&fc); err != nil && !errors.Is(err, io.EOF) {
		return fileConfig{}, path, cli.Exit(fmt.Sprintf("config %s: %v", path, err), exitBadUsage)
	}
	return fc, path, nil
}

// mailConfig is the checked mail section of the config file.
func mailConfig(c *cli.Context, input string) (mail.Config, error) {
	fc, path, err := loadConfig(c, input)
	if err != nil {
		return mail.Config{}, err
	}
	if path == "" {
		return mail.Config{}, cli.Exit("no mail config: give --config FILE or put fupan.yaml beside the input folder or in the working directory", exitBadUsage)
	}
	if fc.Mail == nil {
		return mail.Config{}, cli.Exit(fmt.Sprintf("%s has no mail: section", path), exitBadUsage)
	}
	if err := fc.Mail.Prepare(); err != nil {
		return mail.Config{}, cli.Exit(fmt.Sprintf("config %s: %v", path, err), exitBadUsage)
	}
	return *fc.Mail, nil
}
