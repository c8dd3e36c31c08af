package grader

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestParseLMSFile(t *testing.T) {
	tests := []struct {
		base string
		want lmsName
		ok   bool
	}{
		{"Yamada Taro_12345_assignsubmission_file_mlp.go",
			lmsName{scheme: SchemeMoodle, key: "12345", name: "Yamada Taro", file: "mlp.go"}, true},
		{"山田 太郎_12345_assignsubmission_file_relu_approx.go",
			lmsName{scheme: SchemeMoodle, key: "12345", name: "山田 太郎", file: "relu_approx.go"}, true},
		// A name with underscores and digits: the first "_<digits>_assignsubmission_" ends it.
		{"Anne_Marie_2_12345_assignsubmission_file_01_x_7_assignsubmission_y.ipynb",
			lmsName{scheme: SchemeMoodle, key: "12345", name: "Anne_Marie_2", file: "01_x_7_assignsubmission_y.ipynb"}, true},
		{"Yamada Taro_12345_assignsubmission_onlinetext_onlinetext.html",
			lmsName{scheme: SchemeMoodle, key: "12345", name: "Yamada Taro", file: "onlinetext.html"}, true},
		{"yamadataro_12345_67890_mlp.go",
			lmsName{scheme: SchemeCanvas, key: "12345", name: "yamadataro", file: "mlp.go", attachment: 67890}, true},
		{"yamadataro_LATE_12345_67890_relu_approx.go",
			lmsName{scheme: SchemeCanvas, key: "12345", name: "yamadataro", file: "relu_approx.go", late: true, attachment: 67890}, true},
		{"yamadataro_late_12345_67890_mlp-2.go",
			lmsName{scheme: SchemeCanvas, key: "12345", name: "yamadataro", file: "mlp.go", late: true, resubmission: 2, attachment: 67890}, true},
		{"late_12345_67890_01_relu_approximation-1.ipynb",
			lmsName{scheme: SchemeCanvas, key: "12345", name: "late", file: "01_relu_approximation.ipynb", resubmission: 1, attachment: 67890}, true},
		// Canvas leaves no letters of some names.
		{"_12345_67890_mlp.go",
			lmsName{scheme: SchemeCanvas, key: "12345", file: "mlp.go", attachment: 67890}, true},
		{"mlp.go", lmsName{}, false},
		{"alice.ipynb", lmsName{}, false},
		{"relu_approx.go", lmsName{}, false},
		{"yamadataro_12345_mlp.go", lmsName{}, false},
		{"Yamada_x_assignsubmission_file_mlp.go", lmsName{}, false},
	}
	for _, tc := range tests {
		t.Run(tc.base, func(t *testing.T) {
			got, ok := parseLMSFile(tc.base)
			assert.Equal(t, tc.ok, ok)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestParseLMSFolder(t *testing.T) {
	tests := []struct {
		base string
		key  string
		ok   bool
	}{
		{"Yamada Taro_12345_assignsubmission_file_", "12345", true},
		{"Yamada Taro_12345_assignsubmission_file", "12345", true},
		{"Yamada Taro_12345_assignsubmission_file_mlp.go", "", false},
		{"alice", "", false},
		{"yamadataro_12345_67890_mlp", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.base, func(t *testing.T) {
			got, ok := parseLMSFolder(tc.base)
			assert.Equal(t, tc.ok, ok)
			assert.Equal(t, tc.key, got.key)
		})
	}
}

func TestLater(t *testing.T) {
	first := lmsName{attachment: 300007}
	resubmitted := lmsName{resubmission: 1, attachment: 300011}
	assert.True(t, later(first, resubmitted))
	assert.False(t, later(resubmitted, first))
	// "-2" beats "-1" even with an older attachment ID.
	assert.True(t, later(lmsName{resubmission: 1, attachment: 9}, lmsName{resubmission: 2, attachment: 5}))
	assert.True(t, later(lmsName{attachment: 5}, lmsName{attachment: 9}))
}
