package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/urfave/cli/v2"
	"golang.org/x/sys/windows/svc"
	"golang.org/x/sys/windows/svc/mgr"
)

// serviceStopWait is how long a stop waits for the run in progress to write
// its summary before the service reports itself stopped regardless.
const serviceStopWait = 2 * time.Minute

// serviceAction carries out fupan service ACTION on Windows.
func serviceAction(c *cli.Context, action string, args []string) error {
	sa, err := parseServiceArgs(action, args)
	if err != nil {
		return usageError(err.Error())
	}
	if action == "run" {
		return runService(c.Context, sa)
	}
	m, err := mgr.Connect()
	if err != nil {
		return failedErrorf("the service manager: %v (run from an administrator's prompt)", err)
	}
	defer func() { _ = m.Disconnect() }()
	switch action {
	case "install":
		err = installService(m, sa)
	case "uninstall":
		err = withService(m, sa.Name, func(s *mgr.Service) error {
			_ = stopService(s)
			return s.Delete()
		})
	case "start":
		err = withService(m, sa.Name, func(s *mgr.Service) error { return s.Start() })
	case "stop":
		err = withService(m, sa.Name, stopService)
	}
	if err != nil {
		return failedErrorf("service %s %s: %v", action, sa.Name, err)
	}
	fmt.Fprintf(c.App.Writer, "service %s: %s done\n", sa.Name, action)
	return nil
}

func installService(m *mgr.Mgr, sa serviceArgs) error {
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	if exe, err = filepath.Abs(exe); err != nil {
		return err
	}
	if s, err := m.OpenService(sa.Name); err == nil {
		_ = s.Close()
		return errors.New("it is installed already: fupan service uninstall first")
	}
	args := append([]string{"service", "run", "--name", sa.Name}, sa.Command...)
	s, err := m.CreateService(sa.Name, exe, mgr.Config{
		DisplayName:      "fupan " + sa.Command[0],
		Description:      "fupan strategy review (复盘): " + sa.Command[0],
		StartType:        mgr.StartAutomatic,
		DelayedAutoStart: true, // after the network and the shares are up
	}, args...)
	if err != nil {
		return err
	}
	defer func() { _ = s.Close() }()
	// A crash restarts it after a minute; the run lock is the system's, so a
	// dead run leaves nothing that refuses the next.
	return s.SetRecoveryActions([]mgr.RecoveryAction{{Type: mgr.ServiceRestart, Delay: time.Minute}}, 24*60*60)
}

func withService(m *mgr.Mgr, name string, f func(*mgr.Service) error) error {
	s, err := m.OpenService(name)
	if err != nil {
		return fmt.Errorf("not installed? %w", err)
	}
	defer func() { _ = s.Close() }()
	return f(s)
}

// stopService asks the service to stop and waits until it has: the run in
// progress writes its summary first.
func stopService(s *mgr.Service) error {
	st, err := s.Control(svc.Stop)
	if err != nil {
		return err
	}
	deadline := time.Now().Add(serviceStopWait + 10*time.Second)
	for st.State != svc.Stopped {
		if time.Now().After(deadline) {
			return errors.New("it has not stopped yet; look again in services.msc")
		}
		time.Sleep(500 * time.Millisecond)
		if st, err = s.Query(); err != nil {
			return err
		}
	}
	return nil
}

// runService is what the service manager starts: fupan's own command line
// run in this process, its logs in %ProgramData%\fupan\logs\NAME.log.
func runService(ctx context.Context, sa serviceArgs) error {
	inService, err := svc.IsWindowsService()
	if err != nil || !inService {
		return usageError("fupan service run is started by the service manager: use fupan service start")
	}
	dir := filepath.Join(programData(), "fupan", "logs")
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return failedError(err.Error())
	}
	logf, err := os.OpenFile(filepath.Join(dir, sa.Name+".log"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o640)
	if err != nil {
		return failedError(err.Error())
	}
	defer func() { _ = logf.Close() }()
	h := &serviceHandler{ctx: ctx, work: func(ctx context.Context) int {
		return run(ctx, append([]string{"fupan", "--log-format", "json"}, sa.Command...), logf, logf)
	}}
	if err := svc.Run(sa.Name, h); err != nil {
		return failedError(err.Error())
	}
	if h.code != exitOK {
		return withCode(h.code, errSilent)
	}
	return nil
}

// serviceHandler answers the service manager: Stop and Shutdown cancel the
// command's context, as SIGTERM does outside a service.
type serviceHandler struct {
	ctx  context.Context
	work func(ctx context.Context) int
	code int
}

func (h *serviceHandler) Execute(_ []string, r <-chan svc.ChangeRequest, s chan<- svc.Status) (bool, uint32) {
	s <- svc.Status{State: svc.StartPending}
	stop := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		h.code = runUntilStopped(h.ctx, stop, serviceStopWait, h.work)
	}()
	s <- svc.Status{State: svc.Running, Accepts: svc.AcceptStop | svc.AcceptShutdown}
	for {
		select {
		case <-finished:
			s <- svc.Status{State: svc.StopPending}
			return h.code != exitOK, uint32(h.code)
		case req := <-r:
			switch req.Cmd {
			case svc.Interrogate:
				s <- req.CurrentStatus
			case svc.Stop, svc.Shutdown:
				s <- svc.Status{State: svc.StopPending, WaitHint: uint32(serviceStopWait / time.Millisecond)}
				close(stop)
				<-finished
				return false, 0
			}
		}
	}
}
