@ neon_misc_perm: Advanced SIMD permutes: VSWP VTRN VUZP VZIP (every size, D and
@ Q, distinct and identical registers), VEXT (every byte offset, D and Q,
@ overlapping operands), VTBL/VTBX with 1-4 table registers (indices in and out
@ of range, the destination inside the table, d28-d31 tables), VDUP (scalar)
@ of every size and index; d16-d31, Thumb and the UNDEFINED encodings (table
@ lists running past d31, VZIP/VUZP.32 in D form, ...).
        .include "neon_shift.inc"

@ Two-register permutes: D, Q, and Vd = Vm.
        .macro PERM op, dt
        NOP     "\op\().\dt d", "\op\().\dt d0, d2"
        NOP     "\op\().\dt q", "\op\().\dt q0, q1"
        NOP     "\op\().\dt d same", "\op\().\dt d1, d1"
        NOP     "\op\().\dt q same", "\op\().\dt q2, q2"
        .endm

        .macro VEXT_D imm
        NOP     "vext.8 d #\imm", "vext.8 d0, d2, d3, #\imm"
        .endm
        .macro VEXT_Q imm
        NOP     "vext.8 q #\imm", "vext.8 q0, q1, q2, #\imm"
        .endm

        .macro DUP1 dt, idx
        NOP     "vdup.\dt d [\idx]", "vdup.\dt d0, d2[\idx]"
        NOP     "vdup.\dt q [\idx]", "vdup.\dt q1, d3[\idx]"
        .endm

        .text
        .global main
main:
        push    {r4-r11, lr}
        PUTS    "neon_misc_perm: permutes, VEXT, VTBL/VTBX, VDUP\n"
        NEON_SETUP

        NOP     "vswp d", "vswp d0, d2"
        NOP     "vswp q", "vswp q0, q1"
        NOP     "vswp d same", "vswp d1, d1"
        NOP     "vswp q same", "vswp q2, q2"
        PERM    vtrn, 8
        PERM    vtrn, 16
        PERM    vtrn, 32
        PERM    vuzp, 8
        PERM    vuzp, 16
        NOP     "vuzp.32 q", "vuzp.32 q0, q1"
        NOP     "vuzp.32 q same", "vuzp.32 q2, q2"
        PERM    vzip, 8
        PERM    vzip, 16
        NOP     "vzip.32 q", "vzip.32 q0, q1"
        NOP     "vzip.32 q same", "vzip.32 q2, q2"

        .irp    imm, 0, 1, 2, 3, 4, 5, 6, 7
        VEXT_D  \imm
        .endr
        .irp    imm, 0, 1, 3, 4, 5, 7, 8, 9, 11, 12, 13, 15
        VEXT_Q  \imm
        .endr
        NOP     "vext.8 d0, d0, d2 #3", "vext.8 d0, d0, d2, #3"
        NOP     "vext.8 d2, d0, d2 #5", "vext.8 d2, d0, d2, #5"
        NOP     "vext.8 q1, q0, q1 #6", "vext.8 q1, q0, q1, #6"
        NOP     "vext.8 q1, q1, q1 #10", "vext.8 q1, q1, q1, #10"
        NOP     "vext.16 q #3", "vext.16 q0, q1, q2, #3"
        NOP     "vext.32 d #1", "vext.32 d0, d2, d3, #1"
        NOP     "vext.64 q #1", "vext.64 q0, q1, q2, #1"

        PUTS    "-- vtbl/vtbx (indices 0-31 or 0-63)\n"
        NOP     "vtbl.8 {d0}", "vshr.u8 d4, d4, #3; vtbl.8 d5, {d0}, d4"
        NOP     "vtbl.8 {d0-d1}", "vshr.u8 d4, d4, #3; vtbl.8 d5, {d0, d1}, d4"
        NOP     "vtbl.8 {d0-d2}", "vshr.u8 d4, d4, #3; vtbl.8 d5, {d0, d1, d2}, d4"
        NOP     "vtbl.8 {d0-d3}", "vshr.u8 d4, d4, #3; vtbl.8 d5, {d0, d1, d2, d3}, d4"
        NOP     "vtbl.8 {d0-d3} wide", "vshr.u8 d4, d4, #2; vtbl.8 d5, {d0, d1, d2, d3}, d4"
        NOP     "vtbl.8 raw indices", "vtbl.8 d5, {d0, d1, d2, d3}, d4"
        NOP     "vtbx.8 {d0}", "vshr.u8 d4, d4, #3; vtbx.8 d5, {d0}, d4"
        NOP     "vtbx.8 {d0-d1}", "vshr.u8 d4, d4, #3; vtbx.8 d5, {d0, d1}, d4"
        NOP     "vtbx.8 {d0-d2}", "vshr.u8 d4, d4, #3; vtbx.8 d5, {d0, d1, d2}, d4"
        NOP     "vtbx.8 {d0-d3}", "vshr.u8 d4, d4, #3; vtbx.8 d5, {d0, d1, d2, d3}, d4"
        NOP     "vtbl.8 Vd in table", "vshr.u8 d4, d4, #3; vtbl.8 d1, {d0, d1, d2}, d4"
        NOP     "vtbx.8 Vd in table", "vshr.u8 d4, d4, #3; vtbx.8 d2, {d1, d2, d3, d4}, d4"
        NOP     "vtbl.8 Vd = Vm", "vshr.u8 d4, d4, #3; vtbl.8 d4, {d0, d1}, d4"
        NOP     "vtbl.8 {d28-d31}", "vmov.f64 d28, d0; vmov.f64 d29, d1; vmov.f64 d30, d2; vmov.f64 d31, d3; vshr.u8 d4, d4, #3; vtbl.8 d5, {d28, d29, d30, d31}, d4"
        NOP     "vtbx.8 {d30-d31} d17", "vmov.f64 d30, d0; vmov.f64 d31, d1; vmov.f64 d17, d6; vshr.u8 d16, d4, #3; vtbx.8 d17, {d30, d31}, d16; vmov.f64 d5, d17"

        PUTS    "-- vdup (scalar)\n"
        .irp    idx, 0, 1, 2, 3, 4, 5, 6, 7
        DUP1    8, \idx
        .endr
        .irp    idx, 0, 1, 2, 3
        DUP1    16, \idx
        .endr
        DUP1    32, 0
        DUP1    32, 1
        NOP     "vdup.16 q0, d1[3]", "vdup.16 q0, d1[3]"
        NOP     "vdup.32 d2, d2[1]", "vdup.32 d2, d2[1]"
        NOP     "vdup.8 q8, d31[5]", "vmov.f64 d31, d2; vdup.8 q8, d31[5]; vmov.f64 d0, d16; vmov.f64 d1, d17"

        PUTS    "-- d16-d31\n"
        NOP     "vzip.16 q9, q14", "vmov.f64 d28, d2; vmov.f64 d29, d3; vmov.f64 d18, d4; vmov.f64 d19, d5; vzip.16 q9, q14; vmov.f64 d0, d18; vmov.f64 d1, d19; vmov.f64 d2, d28; vmov.f64 d3, d29"
        NOP     "vtrn.32 d31, d16", "vmov.f64 d16, d2; vmov.f64 d31, d3; vtrn.32 d31, d16; vmov.f64 d0, d31; vmov.f64 d1, d16"
        NOP     "vext.8 q15, q8, q9", "vmov.f64 d16, d2; vmov.f64 d17, d3; vmov.f64 d18, d4; vmov.f64 d19, d5; vext.8 q15, q8, q9, #7; vmov.f64 d0, d30; vmov.f64 d1, d31"

        PUTS    "-- thumb\n"
        NOPT    "T vuzp.8 q", "vuzp.8 q0, q1"
        NOPT    "T vtrn.16 d", "vtrn.16 d0, d2"
        NOPT    "T vswp q", "vswp q0, q2"
        NOPT    "T vext.8 q #13", "vext.8 q0, q1, q2, #13"
        NOPT    "T vtbx.8 {d0-d2}", "vshr.u8 d4, d4, #3; vtbx.8 d5, {d0, d1, d2}, d4"
        NOPT    "T vdup.16 q [2]", "vdup.16 q0, d3[2]"

        PUTS    "-- undefined encodings\n"
        TRY     "vtbl {d31, d0}", ".inst 0xf3bf0982"
        TRY     "vtbl {d31} ok", ".inst 0xf3bf0882"
        TRY     "vtbl {d29-d32}", ".inst 0xf3bd0b82"
        TRY     "vtbl {d28-d31} ok", ".inst 0xf3bc0b82"
        TRY     "vtbx {d30-d32}", ".inst 0xf3be0ac2"
        TRY     "vdup imm4 0000", ".inst 0xf3b00c02"
        TRY     "vdup imm4 1000", ".inst 0xf3b80c02"
        TRY     "vdup q Vd odd", ".inst 0xf3b11c42"
        TRY     "vdup d Vd odd ok", ".inst 0xf3b11c02"
        TRY     "vext d imm 8", ".inst 0xf2b10802"
        TRY     "vext q Vn odd", ".inst 0xf2b10042"
        TRY     "vzip.32 d", ".inst 0xf3ba0182"
        TRY     "vuzp.32 d", ".inst 0xf3ba0102"
        TRY     "vzip.32 q ok", ".inst 0xf3ba01c2"
        TRY     "vzip size 3", ".inst 0xf3be01c2"
        TRY     "vswp size 1", ".inst 0xf3b60002"
        TRY     "vtrn size 3", ".inst 0xf3be0082"
        TRY     "vtrn q Vm odd", ".inst 0xf3b200c3"
        pop     {r4-r11, lr}
        bx      lr
        .ltorg
