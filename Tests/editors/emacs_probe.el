;;; emacs_probe.el --- driven by test_emacs.py  -*- lexical-binding: t; -*-

;; Loads the shipped editors/emacs/marginalia-eglot.el, opens each document of
;; PROBE_CASES (a JSON list of {"file", "needle", "mode"}), lets the shipped
;; hook start Eglot, asks the server for hover and definition at the needle
;; through Eglot's connection, and writes the answers as JSON to PROBE_OUT.

(require 'json)
(require 'cl-lib)

(defvar probe-out (getenv "PROBE_OUT"))
(defvar probe-results nil)

(defun probe-wait (predicate seconds)
  "Let process output in until PREDICATE holds or SECONDS pass; return its value."
  (let ((deadline (+ (float-time) seconds)) value)
    (while (and (not (setq value (funcall predicate))) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    value))

(defun probe-case (case)
  "Open CASE's file, start the server the way the config does, query it; return an alist."
  (let* ((file (alist-get 'file case))
         (needle (alist-get 'needle case))
         (result (list (cons 'file file))))
    (condition-case err
        (with-current-buffer (find-file-noselect file)
          (push (cons 'mode (symbol-name major-mode)) result)
          ;; eglot-ensure connects from post-command-hook, which batch mode never runs.
          (run-hooks 'post-command-hook)
          (let ((server (probe-wait (lambda () (eglot-current-server)) 20)))
            (push (cons 'connected (and server t)) result)
            (when server
              (push (cons 'command (process-command (jsonrpc--process server))) result)
              (push (cons 'root (project-root (eglot--project server))) result)
              (goto-char (point-min))
              (search-forward needle)
              (goto-char (+ (match-beginning 0) 2))
              (let ((params (eglot--TextDocumentPositionParams))
                    hover)
                ;; The server indexes the corpus at start: retry until the hover has content.
                (probe-wait (lambda ()
                              (setq hover (jsonrpc-request server :textDocument/hover params))
                              hover)
                            20)
                (push (cons 'hover hover) result)
                (push (cons 'definition (jsonrpc-request server :textDocument/definition params))
                      result)))))
      (error (push (cons 'error (format "%S" err)) result)))
    result))

(condition-case err
    (progn
      (add-to-list 'load-path (expand-file-name "editors/emacs" (getenv "MARGINALIA_REPO")))
      (require 'markdown-mode nil t)
      (require 'marginalia-eglot)
      (setq marginalia-eglot-command (list (getenv "MARGINALIA_BIN") "lsp"))
      (setq eglot-sync-connect 20)
      (dolist (case (append (json-read-from-string (getenv "PROBE_CASES")) nil))
        (push (probe-case case) probe-results)))
  (error (push (list (cons 'error (format "%S" err))) probe-results)))

(with-temp-file probe-out
  (insert (json-encode (vconcat (nreverse probe-results)))))
(ignore-errors (eglot-shutdown-all))
(kill-emacs 0)
;;; emacs_probe.el ends here
