package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/fupan-review/fupan/mail"
	"github.com/urfave/cli/v2"
	"gopkg.in/yaml.v3"
)

// fileConfig is fupan.yaml: the mail settings and the limits for workbooks.
type fileConfig struct {
	Mail      *mail.Config    `yaml:"mail"`
	Workbooks workbooksConfig `yaml:"workbooks"`
	// History is the review history (--history): a file, relative to the
	// config file's folder, or a postgres:// URL; see historyConfig.
	History historyConfig `yaml:"history"`
	// Site is recorded with each review, where several sites share one
	// history; default the host name.
	Site string `yaml:"site"`
	// TeamsAliases maps a team's other names to the one it goes by, so its
	// periods are one history: {旧名: 新名}.
	TeamsAliases map[string]string `yaml:"teams_aliases"`
	// Notify lists the group robots (企业微信, 钉钉, 飞书) that get a run's
	// summary and the reminders.
	Notify []notifyConfig `yaml:"notify"`
	// People maps a name as teams write it to how robots @-mention them.
	People map[string]personConfig `yaml:"people"`
	// Timezone is where "today" is for every command (an IANA name:
	// Asia/Shanghai): a report's date, an action's age, a reminder's day
	// and its "once a day"; default the machine's.
	Timezone string `yaml:"timezone"`
	// Teams are the teams expected to hand in every period; none: those
	// of the history's latest comparable periods.
	Teams []string `yaml:"teams"`
	// Submission is when a period's review is due.
	Submission submissionConfig `yaml:"submission"`
	// Serve is fupan serve's: where it listens, who logs in and may see what.
	Serve serveConfig `yaml:"serve"`
}

// submissionConfig is when teams hand in: due_day days into the month
// after the period (5: by the 5th), in timezone:.
type submissionConfig struct {
	DueDay int `yaml:"due_day"`
}

// serveConfig is fupan.yaml's serve: section.
type serveConfig struct {
	Listen string `yaml:"listen"`
	// Auth "proxy": the company's login proxy names the person in
	// ProxyHeader, believed only from TrustedProxies (CIDRs).
	Auth           string   `yaml:"auth"`
	ProxyHeader    string   `yaml:"proxy_header"`
	TrustedProxies []string `yaml:"trusted_proxies"`
	// AcceptUploads is the shared folder a checked workbook is handed in to.
	AcceptUploads string         `yaml:"accept_uploads"`
	MaxAnalyses   int            `yaml:"max_analyses"`
	Access        []accessConfig `yaml:"access"`
	// PublicURL is where browsers and the platforms reach fupan; the
	// login's callbacks are PUBLIC_URL/login/WAY/callback.
	PublicURL    string      `yaml:"public_url"`
	SessionHours int         `yaml:"session_hours"`
	Login        loginConfig `yaml:"login"`
}

// loginConfig is serve.login: fupan's own ways in. Secrets only by the
// name of the environment variable that holds them.
type loginConfig struct {
	WeCom *struct {
		CorpID    string `yaml:"corp_id"`
		AgentID   string `yaml:"agent_id"`
		SecretEnv string `yaml:"secret_env"`
		APIBase   string `yaml:"api_base"`
		QRBase    string `yaml:"qr_base"`
		OAuthBase string `yaml:"oauth_base"`
	} `yaml:"wecom"`
	DingTalk *struct {
		ClientID  string `yaml:"client_id"`
		SecretEnv string `yaml:"secret_env"`
		LoginBase string `yaml:"login_base"`
		APIBase   string `yaml:"api_base"`
		OAPIBase  string `yaml:"oapi_base"`
	} `yaml:"dingtalk"`
	Feishu *struct {
		AppID        string `yaml:"app_id"`
		SecretEnv    string `yaml:"secret_env"`
		ID           string `yaml:"id"` // open_id (default) or user_id
		AccountsBase string `yaml:"accounts_base"`
		APIBase      string `yaml:"api_base"`
	} `yaml:"feishu"`
	OIDC *struct {
		Issuer      string   `yaml:"issuer"`
		ClientID    string   `yaml:"client_id"`
		SecretEnv   string   `yaml:"secret_env"`
		GroupsClaim string   `yaml:"groups_claim"`
		Scopes      []string `yaml:"scopes"`
	} `yaml:"oidc"`
}

// accessConfig gives an identity (proxy:NAME) a role: leadership, team (with
// its teams) or operator.
type accessConfig struct {
	Identity string   `yaml:"identity"`
	Role     string   `yaml:"role"`
	Teams    []string `yaml:"teams"`
}

// notifyConfig is one robot. Its webhook URL holds a credential, so the file
// names only the environment variables that hold it and the secret.
type notifyConfig struct {
	Name       string   `yaml:"name"`
	Kind       string   `yaml:"kind"`
	WebhookEnv string   `yaml:"webhook_env"`
	SecretEnv  string   `yaml:"secret_env"`
	Teams      []string `yaml:"teams"`
	ReportURL  string   `yaml:"report_url"`
	Lang       string   `yaml:"lang"`
}

// personConfig is one person: how robots @-mention them, and how they log
// in to fupan serve and what they may see there (one entry for both).
type personConfig struct {
	Mobile   string `yaml:"mobile"`
	FeishuID string `yaml:"feishu_id"`
	// Logins are their stable ids (wecom:USERID, dingtalk:USERID,
	// feishu:ID, oidc:SUB, proxy:NAME): any of them is this person.
	Logins []string `yaml:"logins"`
	// Role (or Roles) is leadership, team (with Teams) or operator.
	Role  string   `yaml:"role"`
	Roles []string `yaml:"roles"`
	Teams []string `yaml:"teams"`
}

// workbooksConfig sets what --password-env, --max-file-size and
// --max-unzip-size set, for runs that take their settings from the file.
type workbooksConfig struct {
	PasswordEnv  string `yaml:"password_env"`
	MaxFileSize  int64  `yaml:"max_file_size"`
	MaxUnzipSize int64  `yaml:"max_unzip_size"`
	MaxPartSize  int64  `yaml:"max_part_size"` // bytes of one unzipped part
	MaxCells     int    `yaml:"max_cells"`
	MaxCellText  int    `yaml:"max_cell_text"` // characters in one cell
	MaxText      int64  `yaml:"max_text"`      // bytes of text in all cells
}

// configPath finds the config file: --config, else systemConfig, else
// fupan.yaml in the working directory; "" when there is none. It never looks
// in or beside the input folder: every team can write there, and a file
// dropped there would take over the mail and its password.
func configPath(c *cli.Context) string {
	if p := c.String("config"); p != "" {
		return p
	}
	return defaultConfig()
}

// defaultConfig is the config file used where none is named: the system's,
// else fupan.yaml in the working directory; "" where neither exists.
func defaultConfig() string {
	for _, p := range []string{systemConfig, "fupan.yaml"} {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return ""
}

// untrustedFolders are the folders the command reads team files from: a
// config file inside any of them is refused whatever path names it.
func untrustedFolders(c *cli.Context) []string {
	if !argsAreTeamFiles(c) {
		return nil
	}
	var dirs []string
	for _, a := range c.Args().Slice() {
		fi, err := os.Stat(a)
		switch {
		case err != nil:
			continue
		case fi.IsDir():
			dirs = append(dirs, a)
		default:
			dirs = append(dirs, filepath.Dir(a))
		}
	}
	return dirs
}

// loadConfig reads fupan.yaml. A config file that is missing where --config
// names it, unreadable, or that a team could have written is bad usage.
func loadConfig(c *cli.Context, untrusted []string) (fileConfig, string, error) {
	path := configPath(c)
	if path == "" {
		return fileConfig{}, "", nil
	}
	if err := trustConfig(path, untrusted); err != nil {
		return fileConfig{}, path, usageErrorf("config %s refused: %v", path, err)
	}
	fc, err := configsOf(c).read(path)
	if err != nil {
		return fileConfig{}, path, err
	}
	if fc.Mail != nil && fc.Mail.SMTP.CAFile != "" {
		if err := trustConfig(fc.Mail.SMTP.CAFile, untrusted); err != nil {
			return fileConfig{}, path, usageErrorf("config %s: smtp.ca_file %s refused: %v", path, fc.Mail.SMTP.CAFile, err)
		}
	}
	return fc, path, nil
}

// configs is the config file as one command invocation read it: a run
// with --mail and --notify asks for it from five places, and all of them
// see one reading (the same settings, were the file changed meanwhile).
// The bytes are kept, each caller decoding its own copy: mail's Prepare
// changes what it is given. The trust checks are not cached: each
// caller's untrusted folders differ.
type configs struct {
	mu    sync.Mutex
	files map[string]configRead
	reads int // files read: TestConfigReadOnce
	asked int // times read was called
}

type configRead struct {
	data []byte
	err  error
}

const configsKey = "fupan.configs"

// configsOf is the invocation's configs (newApp makes them); a context made
// otherwise reads the file each time.
func configsOf(c *cli.Context) *configs {
	if c.App != nil {
		if cs, ok := c.App.Metadata[configsKey].(*configs); ok {
			return cs
		}
	}
	return &configs{}
}

// read reads the config file at path once, and decodes it.
func (cs *configs) read(path string) (fileConfig, error) {
	cs.mu.Lock()
	cs.asked++
	r, ok := cs.files[path]
	if !ok {
		r.data, r.err = readConfigFile(path)
		cs.reads++
		if cs.files == nil {
			cs.files = map[string]configRead{}
		}
		cs.files[path] = r
	}
	cs.mu.Unlock()
	if r.err != nil {
		return fileConfig{}, r.err
	}
	fc, err := decodeFileConfig(r.data)
	if err != nil {
		return fileConfig{}, usageErrorf("config %s: %v", path, err)
	}
	return fc, nil
}

// decodeFileConfig reads fupan.yaml's bytes: unknown keys refused, the
// error said readably (line, key, the keys there are).
func decodeFileConfig(data []byte) (fileConfig, error) {
	var fc fileConfig
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&fc); err != nil && !errors.Is(err, io.EOF) {
		return fileConfig{}, readableConfigError(err)
	}
	return fc, nil
}

func readConfigFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, usageErrorf("config: %v", err)
	}
	defer func() { _ = f.Close() }()
	data, err := io.ReadAll(io.LimitReader(f, 1<<20))
	if err != nil {
		return nil, usageErrorf("config %s: %v", path, err)
	}
	return data, nil
}

// trustConfig refuses a settings file that anyone but its owner (root or the
// user running fupan) could have written, or one inside a folder teams write
// to. The file is followed through symbolic links: what counts is what is read.
func trustConfig(path string, untrusted []string) error {
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return err
	}
	real, err = filepath.Abs(real)
	if err != nil {
		return err
	}
	if d, ok := insideAny(real, untrusted); ok {
		return fmt.Errorf("it is inside %s, which the teams write to; keep fupan's settings where only the operator can write (--config, %s)", d, systemConfig)
	}
	fi, err := os.Stat(real)
	if err != nil {
		return err
	}
	if !fi.Mode().IsRegular() {
		return errors.New("not a regular file")
	}
	// Who may write it is the system's business: modes and owners on Unix
	// (owner_unix.go), owners and ACLs on Windows (owner_windows.go).
	return onlyOperatorWrites(real, fi)
}

// insideAny says which of the folders holds path (absolute, links followed),
// comparing the folders as their links lead.
func insideAny(path string, dirs []string) (string, bool) {
	for _, d := range dirs {
		rd, err := filepath.EvalSymlinks(d)
		if err != nil {
			continue
		}
		if rd, err = filepath.Abs(rd); err != nil {
			continue
		}
		if path == rd || strings.HasPrefix(path, rd+string(filepath.Separator)) {
			return d, true
		}
	}
	return "", false
}

// mailConfig is the checked mail section of the config file.
func mailConfig(c *cli.Context, untrusted []string) (mail.Config, error) {
	fc, path, err := loadConfig(c, untrusted)
	if err != nil {
		return mail.Config{}, err
	}
	if path == "" {
		return mail.Config{}, usageError("no mail config: give --config FILE, or put it in " + systemConfig + " or the working directory (never in the input folder)")
	}
	if fc.Mail == nil {
		return mail.Config{}, usageErrorf("%s has no mail: section", path)
	}
	if err := fc.Mail.Prepare(); err != nil {
		return mail.Config{}, usageErrorf("config %s: %v", path, err)
	}
	return *fc.Mail, nil
}

// location is the config's timezone, where "today" is for every command, so
// that a report, fupan actions, remind and the page count an age alike on a
// server whose clock runs in UTC; the machine's where none is set.
func location(c *cli.Context) (*time.Location, error) {
	fc, path, err := loadConfig(c, untrustedFolders(c))
	if err != nil {
		return nil, err
	}
	if fc.Timezone == "" {
		return time.Local, nil
	}
	loc, err := time.LoadLocation(fc.Timezone)
	if err != nil {
		return nil, usageErrorf("config %s: timezone %q: %v", path, fc.Timezone, err)
	}
	return loc, nil
}
