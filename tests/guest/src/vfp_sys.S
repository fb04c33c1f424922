@ vfp_sys: VFP system registers, access control and data movement.
@ VMRS/VMSR (FPSCR write mask, APSR_nzcv, FPEXC, FPSID, MVFR0, registers that
@ do not exist), UNDEFINED accesses (FPEXC.EN clear, CPACR cp10 denied per
@ mode, user mode, FPSCR vector length/stride set, conditional UNDEF), VMOV
@ between core and S registers, D scalars, register pairs; VLDR/VSTR, VLDM/
@ VSTM in every mode incl. FLDMX/FSTMX, VPUSH/VPOP, pc-relative, d16-d31,
@ alignment and external aborts (also in the middle of a VLDM), bad register
@ lists, big-endian data (SETEND BE). MVFR1 and FPSCR.QC are left out: they
@ depend on whether Advanced SIMD is configured (the output is the same with
@ -cpu cortex-a15,neon=off).
        .include "vfp.inc"

        .equ UNASSIGNED, 0x50000000

@ fold all of d0-d31 into a fresh hash and print "name: HASH".
        .macro DUMP name
        bl      dump_vregs
        MOV32   r0, 9006f
        bl      print_hash
        .pushsection .rodata.str, "aMS", %progbits, 1
9006:   .asciz "\name"
        .popsection
        .endm

        .text
        .global main
main:
        push    {r4-r11, lr}
        PUTS    "vfp_sys: VFP system registers, access control, transfers\n"
        VFP_TRAPS
        VFP_ENABLE

        PUTS    "-- system registers\n"
        vmrs    r0, fpsid
        SHOW    "FPSID", r0
        vmrs    r0, mvfr0
        SHOW    "MVFR0", r0
        vmrs    r0, fpexc
        SHOW    "FPEXC", r0
        mvn     r0, #(1 << 27)                  @ QC depends on Advanced SIMD
        vmsr    fpscr, r0
        vmrs    r1, fpscr
        SHOW    "FPSCR <- f7ffffff", r1
        mvn     r0, #0
        vmsr    fpexc, r0
        vmrs    r1, fpexc
        SHOW    "FPEXC <- ffffffff", r1
        mov     r0, #0
        .word   0xeee00a10                      @ vmsr fpsid, r0 (ignored)
        vmrs    r1, fpsid
        SHOW    "FPSID after write", r1
        MOV32   r0, 0xa0000000
        vmsr    fpscr, r0
        msr     APSR_nzcvq, #0x50000000
        vmrs    APSR_nzcv, fpscr
        mrs     r1, apsr
        SHOW    "APSR after vmrs APSR_nzcv (FPSCR a0000000)", r1
        .word   0xeef0fa10                      @ vmrs APSR_nzcv, fpsid
        mrs     r1, apsr
        SHOW    "APSR after vmrs APSR_nzcv, fpsid", r1
        MOV32   r0, 0x60000000
        vmov    s3, r0
        .word   0xee11fa90                      @ vmov APSR_nzcv, s3
        mrs     r1, apsr
        SHOW    "APSR after vmov r15, s3", r1
        mov     r0, #0
        vmsr    fpscr, r0
        TRY     "vmrs fpinst", "vmrs r0, fpinst"
        TRY     "vmrs fpinst2", "vmrs r0, fpinst2"
        TRY     "vmrs reg 2", ".word 0xeef20a10"
        TRY     "vmrs reg 5", ".word 0xeef50a10"
        TRY     "vmrs reg 15", ".word 0xeeff0a10"
        TRY     "vmsr mvfr0", ".word 0xeee70a10"

        PUTS    "-- FPEXC.EN clear\n"
        mov     r0, #0
        vmsr    fpexc, r0
        TRY     "vadd.f32", "vadd.f32 s0, s1, s2"
        TRY     "vmov r0, s0", "vmov r0, s0"
        TRY     "vmrs fpscr", "vmrs r0, fpscr"
        TRY     "vldr s0", "ldr r1, =buf; vldr s0, [r1]"
        TRY     "vmrs fpexc", "vmrs r0, fpexc"
        TRY     "vmrs fpsid", "vmrs r0, fpsid"
        TRY     "vmrs mvfr0", "vmrs r0, mvfr0"
        TRY     "vaddne with Z set", "msr APSR_nzcvq, #0x40000000; vaddne.f32 s0, s1, s2"
        TRY     "vaddeq with Z set", "msr APSR_nzcvq, #0x40000000; vaddeq.f32 s0, s1, s2"
        mov     r0, #FPEXC_EN
        vmsr    fpexc, r0
        TRY     "vadd.f32 after enabling", "vadd.f32 s0, s1, s2"

        PUTS    "-- CPACR\n"
        TRY     "cp10=01: vadd.f64", "mov r0, #(1 << 20); mcr p15, 0, r0, c1, c0, 2; isb; vadd.f64 d0, d1, d2"
        TRY     "cp10=10: vadd.f64", "mov r0, #(2 << 20); mcr p15, 0, r0, c1, c0, 2; isb; vadd.f64 d0, d1, d2"
        TRY     "cp10=10: vmrs fpexc", "vmrs r0, fpexc"
        TRY     "cp10=00 cp11=11: vadd.f64", "mov r0, #(0xc << 20); mcr p15, 0, r0, c1, c0, 2; isb; vadd.f64 d0, d1, d2"
        TRY     "cp10=11 cp11=00: vadd.f64", "mov r0, #(0x3 << 20); mcr p15, 0, r0, c1, c0, 2; isb; vadd.f64 d0, d1, d2"
        TRY     "cp10=00: vmrs fpsid", "mov r0, #0; mcr p15, 0, r0, c1, c0, 2; isb; vmrs r0, fpsid"
        TRY     "cp10=00: vmsr fpexc", "mov r0, #FPEXC_EN; vmsr fpexc, r0"

        PUTS    "-- user mode, cp10=01\n"
        mov     r0, #(0x5 << 20)
        mcr     p15, 0, r0, c1, c0, 2
        isb
        cps     #MODE_USR
        TRY     "usr vadd.f32", "vadd.f32 s0, s1, s2"
        TRY     "usr vmrs fpscr", "vmrs r0, fpscr"
        svc     #0
        PUTS    "-- user mode, cp10=11\n"
        mov     r0, #CPACR_CP10_CP11_FULL
        mcr     p15, 0, r0, c1, c0, 2
        isb
        cps     #MODE_USR
        TRY     "usr vadd.f32", "vadd.f32 s0, s1, s2"
        TRY     "usr vmsr fpscr", "mov r0, #0; vmsr fpscr, r0"
        TRY     "usr vmrs fpscr", "vmrs r0, fpscr"
        TRY     "usr vmrs fpexc", "vmrs r0, fpexc"
        TRY     "usr vmsr fpexc", "vmsr fpexc, r0"
        TRY     "usr vmrs fpsid", "vmrs r0, fpsid"
        TRY     "usr vmrs mvfr0", "vmrs r0, mvfr0"
        TRY     "usr vldr", "ldr r1, =buf; vldr d0, [r1]"
        svc     #0

        PUTS    "-- FPSCR vector length / stride\n"
        mov     r0, #(1 << 16)
        vmsr    fpscr, r0
        TRY     "len=1 vadd.f32", "vadd.f32 s8, s9, s10"
        TRY     "len=1 vmul.f64", "vmul.f64 d8, d9, d10"
        TRY     "len=1 vmla.f32", "vmla.f32 s8, s9, s10"
        TRY     "len=1 vfma.f64", "vfma.f64 d8, d9, d10"
        TRY     "len=1 vmov.f32 reg", "vmov.f32 s8, s9"
        TRY     "len=1 vabs.f64", "vabs.f64 d8, d9"
        TRY     "len=1 vneg.f32", "vneg.f32 s8, s9"
        TRY     "len=1 vsqrt.f32", "vsqrt.f32 s8, s9"
        TRY     "len=1 vmov.f32 imm", "vmov.f32 s8, #1.0"
        TRY     "len=1 vcmp.f32", "vcmp.f32 s8, s9"
        TRY     "len=1 vcvt.f64.f32", "vcvt.f64.f32 d8, s9"
        TRY     "len=1 vcvt.s32.f32", "vcvt.s32.f32 s8, s9"
        TRY     "len=1 vcvtb.f16.f32", "vcvtb.f16.f32 s8, s9"
        TRY     "len=1 vmov r0, s8", "vmov r0, s8"
        TRY     "len=1 vmov d8, r0, r1", "vmov d8, r0, r1"
        TRY     "len=1 vldr", "ldr r1, =buf; vldr d8, [r1]"
        TRY     "len=1 vldm", "ldr r1, =buf; vldmia r1, {s8-s9}"
        vmrs    r0, fpscr
        SHOW    "FPSCR", r0
        mov     r0, #(1 << 20)
        vmsr    fpscr, r0
        TRY     "stride=1 vadd.f32", "vadd.f32 s8, s9, s10"
        TRY     "stride=1 vcvt.f32.f64", "vcvt.f32.f64 s8, d9"
        mov     r0, #0
        vmsr    fpscr, r0
        TRY     "len=0 vadd.f32", "vadd.f32 s8, s9, s10"

        PUTS    "-- register transfers\n"
        bl      fill_core
        DUMP    "vmov s0-s31 <- core"
        bl      read_core
        bl      hash_reset
        bl      fold_read
        ldr     r0, =name_read
        bl      print_hash
        bl      fill_scalar
        DUMP    "vmov.32 d0-d31[x] <- core"
        bl      read_scalar
        bl      hash_reset
        bl      fold_read
        ldr     r0, =name_read_scalar
        bl      print_hash
        MOV32   r0, 0x11223344
        MOV32   r1, 0x55667788
        vmov    s30, s31, r0, r1
        vmov    d31, r1, r0
        vmov    r2, r3, d15
        SHOW    "vmov s30,s31 then d15 lo", r2
        SHOW    "d15 hi", r3
        vmov    r2, r3, d31
        SHOW    "vmov d31, r1, r0 lo", r2
        SHOW    "d31 hi", r3
        vmov    r2, r3, s30, s31
        SHOW    "vmov r2, r3, s30, s31 r2", r2
        SHOW    "r3", r3
        vmov    r2, r2, d31                     @ UNPREDICTABLE: the second write wins in QEMU
        SHOW    "vmov r2, r2, d31", r2
        vmov.32 r4, d17[1]
        vmov.32 d17[0], r4
        vmov    r2, r3, d17
        SHOW    "d17 lo", r2
        SHOW    "d17 hi", r3

        PUTS    "-- loads and stores\n"
        bl      fill_buf
        ldr     r4, =buf
        add     r5, r4, #64
        vldr    s0, [r5]
        vldr    s1, [r5, #4]
        vldr    s2, [r5, #-4]
        vldr    s31, [r5, #1020]
        vldr    d2, [r5, #-64]
        vldr    d31, [r5, #8]
        vldr    d16, lit_d
        vldr    s3, lit_s
        b       1f
        .balign 8
lit_d:  .word   0xdeadbeef, 0x3ff00001
lit_s:  .word   0x12345678
1:
        DUMP    "vldr"
        mov     r6, r5
        vldmia  r6!, {s4-s11}
        sub     r0, r6, r5
        SHOW    "vldmia s4-s11 writeback", r0
        vldmia  r6, {d20-d27}
        vldmdb  r6!, {d8-d9}
        sub     r0, r6, r5
        SHOW    "vldmdb d8-d9 writeback", r0
        fldmiax r6!, {d0-d1}
        sub     r0, r6, r5
        SHOW    "fldmiax d0-d1 writeback", r0
        fldmdbx r6!, {d0-d1}
        sub     r0, r6, r5
        SHOW    "fldmdbx d0-d1 writeback", r0
        vldmia  r6, {d0-d15}
        vldmia  r6, {s16-s31}
        DUMP    "vldm"
        ldr     r4, =buf2
        mov     r6, r4
        vstmia  r6!, {d0-d3}
        vstmia  r6!, {s0-s5}
        vstr    d31, [r6]
        vstr    s31, [r6, #8]
        vstr    d20, [r6, #-8]
        add     r6, r6, #256
        vstmdb  r6!, {d16-d31}
        fstmdbx r6!, {d4-d5}
        sub     r0, r6, r4
        SHOW    "vstm end offset", r0
        add     r6, r4, #384
        fstmiax r6!, {d8-d11}
        sub     r0, r6, r4
        SHOW    "fstmiax d8-d11 writeback", r0
        vpush   {d0-d2}
        vpush   {s20-s25}
        vpop    {d4-d6}
        vpop    {s6-s11}
        bl      hash_buf2
        DUMP    "vstm/vpush/vpop"

        PUTS    "-- faults and bad lists\n"
        ldr     r4, =buf
        TRY     "vldr s0 [r4+2]", "add r1, r4, #2; vldr s0, [r1]"
        TRY     "vldr d0 [r4+4]", "vldr d0, [r4, #4]"
        TRY     "vstr d0 [r4+6]", "add r1, r4, #6; vstr d0, [r1]"
        TRY     "vldmia unaligned", "add r1, r4, #1; vldmia r1, {s0-s1}"
        TRY     "vldr unassigned", "MOV32 r1, UNASSIGNED; vldr s0, [r1]"
        TRY     "vstr d unassigned", "MOV32 r1, UNASSIGNED; vstr d0, [r1, #-4]"
        mov     r0, #0
        vmov    s0, s1, r0, r0
        vmov    s2, s3, r0, r0
        MOV32   r5, UNASSIGNED - 8
        mov     r6, r5
        TRY     "vldmia across the end of RAM", "vldmia r6!, {s0-s3}"
        sub     r0, r6, r5
        SHOW    "base after the fault", r0
        vmov    r0, r1, d0
        SHOW    "s0", r0
        SHOW    "s1", r1
        vmov    r0, r1, d1
        SHOW    "s2", r0
        TRY     "vldmia count 0", ".word 0xecb40a00"
        TRY     "vldmia d count 17", ".word 0xec940b22"
        TRY     "vldmia s30 count 3", ".word 0xecd4fa03"
        TRY     "vldmia d20 count 13", ".word 0xecd44b1a"
        TRY     "vldmia pc!", ".word 0xecbf0a02"
        TRY     "vldmdb P=U=1 W=1", ".word 0xedb40a02"

        PUTS    "-- big-endian data\n"
        ldr     r4, =buf
        MOV32   r0, 0x01234567
        MOV32   r1, 0x89abcdef
        strd    r0, r1, [r4]
        setend  be
        vldr    d0, [r4]
        vldr    s2, [r4, #4]
        vldmia  r4, {d1}
        vstr    d0, [r4, #8]
        vstr    s2, [r4, #16]
        setend  le
        vmov    r0, r1, d0
        SHOW    "BE vldr d0 lo", r0
        SHOW    "BE vldr d0 hi", r1
        vmov    r0, s2
        SHOW    "BE vldr s2", r0
        vmov    r0, r1, d1
        SHOW    "BE vldm d1 lo", r0
        SHOW    "BE vldm d1 hi", r1
        ldrd    r0, r1, [r4, #8]
        SHOW    "BE vstr d0 word0", r0
        SHOW    "BE vstr d0 word1", r1
        ldr     r0, [r4, #16]
        SHOW    "BE vstr s2", r0

        PUTS    "-- conditional execution\n"
        SETS    s0, 0x3f800000
        SETS    s1, 0x40000000
        SETS    s2, 0x0
        msr     APSR_nzcvq, #0x40000000
        vaddne.f32 s2, s0, s1
        vmov    r0, s2
        SHOW    "vaddne not executed", r0
        vaddeq.f32 s2, s0, s1
        vmov    r0, s2
        SHOW    "vaddeq executed", r0
        vmovne  r0, s1
        SHOW    "vmovne r0 not executed", r0
        pop     {r4-r11, lr}
        bx      lr
        .ltorg

@ dump_vregs: hash_reset and fold d0-d31 (64 words, via VSTM into vdump).
dump_vregs:
        push    {r4, r5, lr}
        ldr     r4, =vdump
        vstmia  r4, {d0-d15}
        add     r0, r4, #128
        vstmia  r0, {d16-d31}
        bl      hash_reset
        mov     r5, #64
1:      ldr     r0, [r4], #4
        bl      fold
        subs    r5, r5, #1
        bne     1b
        pop     {r4, r5, lr}
        bx      lr

@ fill_core: s0-s31 <- distinct words through vmov sN, rX.
fill_core:
        MOV32   r0, 0x01010101
        MOV32   r1, 0x10203041
        .irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
        vmov    s\n, r0
        add     r0, r0, r1
        .endr
        bx      lr

@ read_core: rdump[n] <- sN through vmov rX, sN.
read_core:
        ldr     r2, =rdump
        .irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
        vmov    r0, s\n
        str     r0, [r2], #4
        .endr
        bx      lr

@ fill_scalar: dN[x] <- distinct words through vmov.32 dN[x], rX.
fill_scalar:
        MOV32   r0, 0x76543210
        MOV32   r1, 0x0badf00d
        .irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
        vmov.32 d\n[0], r0
        add     r0, r0, r1
        vmov.32 d\n[1], r0
        eor     r0, r0, r1, ror #3
        .endr
        bx      lr

@ read_scalar: rdump <- d0[1], d1[1] ... d31[1], then d0[0] ... d31[0] (64 words).
read_scalar:
        ldr     r2, =rdump
        .irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
        vmov.32 r0, d\n[1]
        str     r0, [r2], #4
        .endr
        .irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
        vmov.32 r0, d\n[0]
        str     r0, [r2], #4
        .endr
        bx      lr

@ fold_read: fold the 64 words of rdump.
fold_read:
        push    {r4, r5, lr}
        ldr     r4, =rdump
        mov     r5, #64
1:      ldr     r0, [r4], #4
        bl      fold
        subs    r5, r5, #1
        bne     1b
        pop     {r4, r5, lr}
        bx      lr

@ fill_buf: buf[i] = i * 0x01030507 + 0x3f000000 for 512 words.
fill_buf:
        ldr     r0, =buf
        MOV32   r1, 0x3f000000
        MOV32   r2, 0x01030507
        mov     r3, #512
1:      str     r1, [r0], #4
        add     r1, r1, r2
        subs    r3, r3, #1
        bne     1b
        bx      lr

@ hash_buf2: print the hash of buf2 (128 words).
hash_buf2:
        push    {r4, r5, lr}
        bl      hash_reset
        ldr     r4, =buf2
        mov     r5, #128
1:      ldr     r0, [r4], #4
        bl      fold
        subs    r5, r5, #1
        bne     1b
        ldr     r0, =name_buf2
        bl      print_hash
        pop     {r4, r5, lr}
        bx      lr
        .ltorg

        .section .rodata
name_read:        .asciz "vmov r, s0-s31"
name_read_scalar: .asciz "vmov.32 r, d0-d31[x]"
name_buf2:        .asciz "memory after vstm/vpush"

        .bss
        .balign 8
buf:    .space  2048
buf2:   .space  512
vdump:  .space  256
rdump:  .space  256
