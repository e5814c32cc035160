// Package tickets implements a small HTTP API for a support-ticket system.
//
// Routes (Go 1.22+ pattern syntax):
//
//	POST  /tickets         create a ticket from a JSON body
//	GET   /tickets         list tickets, optionally filtered by ?status=open
//	PATCH /tickets/{id}    change the status of a ticket
//
// Storage is in memory and protected by a mutex, which is enough for a demo
// or for tests; a real deployment would plug in a database behind the Store
// interface.
package tickets

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Status is the lifecycle state of a ticket.
type Status string

const (
	StatusOpen     Status = "open"
	StatusPending  Status = "pending"
	StatusResolved Status = "resolved"
)

func (s Status) valid() bool {
	return s == StatusOpen || s == StatusPending || s == StatusResolved
}

// Ticket is the resource exposed by the API.
type Ticket struct {
	ID        int       `json:"id"`
	Email     string    `json:"email"`
	Subject   string    `json:"subject"`
	Body      string    `json:"body"`
	Status    Status    `json:"status"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// ErrNotFound is returned by a Store when no ticket has the given ID.
var ErrNotFound = errors.New("ticket not found")

// Store is the persistence interface used by the handlers.
type Store interface {
	Create(t Ticket) Ticket
	List(status Status) []Ticket
	SetStatus(id int, s Status) (Ticket, error)
}

// MemoryStore is a concurrency-safe in-memory Store.
type MemoryStore struct {
	mu     sync.RWMutex
	nextID int
	items  map[int]Ticket
	now    func() time.Time // injectable for tests
}

// NewMemoryStore returns an empty store whose IDs start at 1.
func NewMemoryStore() *MemoryStore {
	return &MemoryStore{nextID: 1, items: make(map[int]Ticket), now: time.Now}
}

func (m *MemoryStore) Create(t Ticket) Ticket {
	m.mu.Lock()
	defer m.mu.Unlock()
	t.ID = m.nextID
	m.nextID++
	t.Status = StatusOpen
	t.CreatedAt = m.now().UTC()
	t.UpdatedAt = t.CreatedAt
	m.items[t.ID] = t
	return t
}

// List returns tickets in ID order. An empty status means "all".
func (m *MemoryStore) List(status Status) []Ticket {
	m.mu.RLock()
	defer m.mu.RUnlock()
	out := make([]Ticket, 0, len(m.items))
	for id := 1; id < m.nextID; id++ {
		t, ok := m.items[id]
		if ok && (status == "" || t.Status == status) {
			out = append(out, t)
		}
	}
	return out
}

func (m *MemoryStore) SetStatus(id int, s Status) (Ticket, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	t, ok := m.items[id]
	if !ok {
		return Ticket{}, ErrNotFound
	}
	t.Status = s
	t.UpdatedAt = m.now().UTC()
	m.items[id] = t
	return t, nil
}

// maxBodyBytes limits request bodies to protect the server from huge uploads.
const maxBodyBytes = 64 << 10 // 64 KiB

// Routes registers the ticket handlers on a new ServeMux.
func Routes(store Store) *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /tickets", func(w http.ResponseWriter, r *http.Request) {
		var in struct {
			Email   string `json:"email"`
			Subject string `json:"subject"`
			Body    string `json:"body"`
		}
		r.Body = http.MaxBytesReader(w, r.Body, maxBodyBytes)
		dec := json.NewDecoder(r.Body)
		dec.DisallowUnknownFields()
		if err := dec.Decode(&in); err != nil {
			writeError(w, http.StatusBadRequest, "invalid JSON: "+err.Error())
			return
		}
		in.Email = strings.TrimSpace(in.Email)
		in.Subject = strings.TrimSpace(in.Subject)
		switch {
		case !strings.Contains(in.Email, "@"):
			writeError(w, http.StatusUnprocessableEntity, "email is required")
			return
		case in.Subject == "" || len(in.Subject) > 200:
			writeError(w, http.StatusUnprocessableEntity, "subject must be 1-200 characters")
			return
		}
		t := store.Create(Ticket{Email: in.Email, Subject: in.Subject, Body: in.Body})
		writeJSON(w, http.StatusCreated, t)
	})

	mux.HandleFunc("GET /tickets", func(w http.ResponseWriter, r *http.Request) {
		status := Status(r.URL.Query().Get("status"))
		if status != "" && !status.valid() {
			writeError(w, http.StatusBadRequest, "unknown status filter")
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{"tickets": store.List(status)})
	})

	mux.HandleFunc("PATCH /tickets/{id}", func(w http.ResponseWriter, r *http.Request) {
		id, ok := parseID(w, r)
		if !ok {
			return
		}
		var in struct {
			Status Status `json:"status"`
		}
		r.Body = http.MaxBytesReader(w, r.Body, maxBodyBytes)
		if err := json.NewDecoder(r.Body).Decode(&in); err != nil || !in.Status.valid() {
			writeError(w, http.StatusBadRequest, "body must be {\"status\": \"open|pending|resolved\"}")
			return
		}
		t, err := store.SetStatus(id, in.Status)
		if errors.Is(err, ErrNotFound) {
			writeError(w, http.StatusNotFound, err.Error())
			return
		}
		writeJSON(w, http.StatusOK, t)
	})
	return mux
}

// parseID reads the {id} path value and writes a 400 response if it is not a positive integer.
func parseID(w http.ResponseWriter, r *http.Request) (int, bool) {
	id, err := strconv.Atoi(r.PathValue("id"))
	if err != nil || id <= 0 {
		writeError(w, http.StatusBadRequest, "id must be a positive integer")
		return 0, false
	}
	return id, true
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(v)
}

func writeError(w http.ResponseWriter, code int, msg string) {
	writeJSON(w, code, map[string]string{"error": msg})
}
